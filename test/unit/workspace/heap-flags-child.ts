// Run by heap-flags.test.ts in a process of its own (V8's flags are process-wide): sets the language
// server's heap flags, starts a scan worker the way the first index does, makes garbage with some
// survivors (what grows the young generation) and prints the young generation's size in MB.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import { setHeapFlags } from '../../../server/src/workspace/heap-flags';
import { ScanPool } from '../../../server/src/workspace/workers/pool';
import { EMPTY_CONFIG } from '../../../server/src/core/config';

function youngMb(): number {
  return v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')!.space_size / 1048576;
}

function churn(): void {
  let kept: unknown[] = [];
  for (let i = 0; i < 2_000_000; i++) {
    const o = { i, pair: [i, i + 1], s: `x${i}` };
    if (i % 3 === 0) kept.push(o);
    if (kept.length > 200_000) kept = [];
  }
}

async function main(): Promise<void> {
  if (process.argv[2] !== 'unset')
    setHeapFlags(['--heap-growing-percent=10', '--semi-space-growth-factor=1']);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'al-heap-flags-'));
  fs.writeFileSync(path.join(root, 'a.ts'), 'export const a = 1;\n');
  const pool = new ScanPool({ root, files: ['a.ts'], config: EMPTY_CONFIG }, 1);
  let scanned = 0;
  // A worker answers only once it is up (and has reset the flags).
  await pool.run(['a.ts'], 'candidate', { onResults: (results) => (scanned += results.length) });
  await pool.close();
  fs.rmSync(root, { recursive: true, force: true });
  if (scanned !== 1) throw new Error(`the worker scanned ${scanned} files`);
  const before = youngMb();
  churn();
  process.stdout.write(`${JSON.stringify({ before, after: youngMb() })}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
