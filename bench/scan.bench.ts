// `npm run bench`: times `activation-lens scan` over a generated 5,000-file workspace and, for
// comparison, naive typescript-estree parsing of every file. Prints figures; asserts nothing.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse } from '@typescript-eslint/typescript-estree';
import { generateWorkspace } from './generate-workspace';

const REPO = path.resolve(__dirname, '..');
const FILES = Number(process.env.BENCH_FILES ?? 5000);

function measureCli(dir: string) {
  const report = path.join(os.tmpdir(), `al-bench-rss-${process.pid}.json`);
  const started = performance.now();
  const result = spawnSync(
    process.execPath,
    [
      '--require',
      path.join(__dirname, 'report-usage.cjs'),
      path.join(REPO, 'bin', 'activation-lens.js'),
      'scan',
      dir,
      '--format',
      'json',
    ],
    { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, env: { ...process.env, AL_USAGE_REPORT: report } },
  );
  const wall = performance.now() - started;
  if (result.status !== 0) throw new Error(`scan failed: ${result.stderr}`);
  const usage = JSON.parse(fs.readFileSync(report, 'utf8')) as { maxRSS: number; cpuMs: number };
  fs.rmSync(report, { force: true });
  const out = JSON.parse(result.stdout) as {
    files: number;
    entryPoints: unknown[];
    trackingCalls: unknown[];
  };
  return { wall, ...usage, out };
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
    const scan = measureCli(dir);
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
    const width = Math.max(...rows.map((r) => r[0]!.length));
    for (const [k, v] of rows) console.log(`${k!.padEnd(width)}  ${v}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main();
