// `npm run bench`: times `activation-lens scan` over a generated 5,000-file workspace and, for
// comparison, naive typescript-estree parsing of every file. Prints figures; asserts nothing.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse } from '@typescript-eslint/typescript-estree';
import { generateWorkspace } from './generate-workspace';
import { measureCli, printRows } from './measure-cli';

const FILES = Number(process.env.BENCH_FILES ?? 5000);

function measureScan(dir: string) {
  const run = measureCli(['scan', dir, '--format', 'json']);
  const out = JSON.parse(run.stdout) as {
    files: number;
    entryPoints: unknown[];
    trackingCalls: unknown[];
  };
  return { ...run, out };
}

function naiveParseAll(dir: string): number {
  const files: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else files.push(p);
    }
  };
  walk(dir);
  const started = performance.now();
  for (const f of files)
    parse(fs.readFileSync(f, 'utf8'), { filePath: f, jsx: true, loc: true, range: true, comment: true });
  return performance.now() - started;
}

function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'al-bench-'));
  try {
    const count = generateWorkspace(dir, {
      files: FILES,
      candidateShare: 0.08,
      constantsShare: 0.01,
      seed: 42,
    });
    const scan = measureScan(dir);
    const naive = naiveParseAll(dir);
    const rows = [
      ['files', String(count)],
      ['entry points / tracking calls', `${scan.out.entryPoints.length} / ${scan.out.trackingCalls.length}`],
      ['scan wall time', `${(scan.wall / 1000).toFixed(2)} s`],
      ['scan CPU time', `${(scan.cpuMs / 1000).toFixed(2)} s`],
      ['scan files/s', `${Math.round(count / (scan.wall / 1000))}`],
      ['scan peak RSS', `${Math.round(scan.maxRSS / 1024)} MB`],
      [
        'naive typescript-estree, every file',
        `${(naive / 1000).toFixed(2)} s (${(naive / count).toFixed(2)} ms/file)`,
      ],
      ['speed-up over naive parsing', `${(naive / scan.wall).toFixed(1)}×`],
    ];
    printRows(rows);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main();
