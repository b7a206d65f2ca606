// Runs the built CLI as a benchmark subject: wall time, CPU time and peak RSS (from report-usage.cjs).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const REPO = path.resolve(__dirname, '..');

export interface Measured {
  wall: number;
  cpuMs: number;
  /** Peak resident set size in KB. */
  maxRSS: number;
  status: number | null;
  stdout: string;
}

export function measureCli(args: string[], env: Record<string, string> = {}): Measured & { stderr: string } {
  return measureNode([path.join(REPO, 'bin', 'activation-lens.js'), ...args], { env });
}

/** Runs a Node script (with `--require report-usage.cjs`) and measures it; `input` goes to its stdin. */
export function measureNode(
  args: string[],
  options: { env?: Record<string, string>; input?: string } = {},
): Measured & { stderr: string } {
  const report = path.join(os.tmpdir(), `al-bench-rss-${process.pid}.json`);
  const started = performance.now();
  const result = spawnSync(
    process.execPath,
    ['--require', path.join(__dirname, 'report-usage.cjs'), ...args],
    {
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
      env: { ...process.env, ...options.env, AL_USAGE_REPORT: report },
      ...(options.input !== undefined ? { input: options.input } : {}),
    },
  );
  const wall = performance.now() - started;
  if (result.status === null || result.status > 1)
    throw new Error(`${args.join(' ')} failed: ${result.stderr}`);
  const usage = JSON.parse(fs.readFileSync(report, 'utf8')) as { maxRSS: number; cpuMs: number };
  fs.rmSync(report, { force: true });
  return { wall, ...usage, status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Prints `label  value` rows with the labels aligned. */
export function printRows(rows: string[][]): void {
  const width = Math.max(...rows.map((r) => r[0]!.length));
  for (const [k, v] of rows) console.log(`${k!.padEnd(width)}  ${v}`);
}
