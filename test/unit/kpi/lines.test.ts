// Record numbers (DuckDB's, blank lines skipped) to line numbers, for the malformed-row samples:
// the skimming reader must agree with the plain definition, across the stream's chunk boundaries.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { linesOfRecords } from '../../../server/src/kpi/duckdb/lines';
import { rng } from '../../../scripts/lib/synthetic-events';
import { tempDir } from '../../helpers/kpi';

/** The definition: record k is the k-th line holding a byte other than space, \t, \v, \f, \r. */
function plainLinesOfRecords(text: string): number[] {
  const lines: number[] = [];
  text.split('\n').forEach((line, i) => {
    if (/[^ \t\v\f\r]/.test(line)) lines.push(i + 1);
  });
  return lines;
}

describe('KPI inputs: line numbers of NDJSON records', () => {
  it('agrees with the plain definition on random files of blank and non-blank lines', async () => {
    const dir = tempDir();
    try {
      for (let seed = 1; seed <= 8; seed++) {
        const r = rng(seed);
        const blanks = ['', ' ', '\t', '\r', '  \r', '\v\f'];
        const parts: string[] = [];
        // Over 64 KiB (the read stream's chunk) in places, so lines straddle chunk boundaries,
        // some of them long runs of blanks before their first byte.
        const n = 2000 + Math.floor(r() * 6000);
        for (let i = 0; i < n; i++) {
          const x = r();
          if (x < 0.3) parts.push(blanks[Math.floor(r() * blanks.length)]!);
          else if (x < 0.35) parts.push(`${' '.repeat(Math.floor(r() * 5000))}{"late": ${i}}`);
          else parts.push(`{"event": "e${i}", "pad": "${'x'.repeat(Math.floor(r() * 80))}"}`);
        }
        const text = parts.join('\n') + (r() < 0.5 ? '\n' : '');
        const file = path.join(dir, `f${seed}.ndjson`);
        fs.writeFileSync(file, text);
        const expected = plainLinesOfRecords(text);
        const asked = [1, 2, expected.length, expected.length + 1];
        for (let k = 0; k < 30; k++) asked.push(1 + Math.floor(r() * expected.length));
        const got = await linesOfRecords(file, asked);
        for (const record of asked) {
          assert.equal(got.get(record), expected[record - 1], `seed ${seed}, record ${record}`);
        }
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
