// `npm run bench [-- <checkout>]`: the speed targets, measured side by side in one run on (a) a
// generated, deterministic 10,000-file workspace (BENCH_FILES to change) and (b) a local checkout
// when one is given. Subjects: ripgrep over the pre-filter's patterns, `ts.createSourceFile` over all
// files, naive typescript-estree over all files, our `check` cold (workers, and single-threaded), warm
// (persistent index, nothing and one file changed), a keystroke in a 3.7k-line file (re-analysis and
// diagnostics, p50 over 50 edits) and the language server's peak RSS (bench/language-server.ts; alone:
// bench/server.bench.ts). Prints a table of wall time, CPU time and peak RSS, and the ratios the
// targets are set in. Asserts nothing.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { EMPTY_CONFIG } from '../server/src/core/config';
import { prefilterPatterns } from '../server/src/core/prefilter';
import { listSourceFiles } from '../server/src/workspace/files';
import { BIG_FILE, generateBenchWorkspace } from './bench-workspace';
import { measureKeystrokes, p50 } from './keystroke';
import { measureServer } from './language-server';
import { measureCli, measureNode } from './measure-cli';

const REPO = path.resolve(__dirname, '..');
const FILES = Number(process.env.BENCH_FILES ?? 10000);
const EDITS = 50;

interface Row {
  subject: string;
  wall: number;
  cpu?: number;
  rss?: number;
  note?: string;
}

const rows: Row[] = [];
const ratios: [string, string, string][] = [];

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}

function hasGnuTime(): boolean {
  return fs.existsSync('/usr/bin/time');
}

/** ripgrep listing the files the pre-filter would keep (the yardstick of a warm start). */
function ripgrep(dir: string): Row {
  const [calls, containers] = prefilterPatterns(EMPTY_CONFIG);
  const args = [
    '-P',
    '-l',
    '--no-messages',
    '-g',
    '*.{ts,tsx,js,jsx,mjs,cjs,mts,cts}',
    '-e',
    calls,
    '-e',
    containers,
    dir,
  ];
  const timed = hasGnuTime();
  const started = performance.now();
  const result = timed
    ? spawnSync('/usr/bin/time', ['-f', '%e %U %S %M', 'rg', ...args], {
        encoding: 'utf8',
        maxBuffer: 64 << 20,
      })
    : spawnSync('rg', args, { encoding: 'utf8', maxBuffer: 64 << 20 });
  const wall = performance.now() - started;
  // Under /usr/bin/time a missing rg is time's exit status 127, not a spawn error; rg itself exits 1
  // when no file matches.
  if (result.error || (result.status !== 0 && result.status !== 1)) {
    const why = result.error?.message ?? (result.stderr.trim() || `exit status ${result.status}`);
    throw new Error(`ripgrep (Debian package ripgrep) is needed: ${why}`);
  }
  const files = result.stdout.split('\n').filter(Boolean).length;
  const row: Row = { subject: 'ripgrep, candidate files', wall, note: `${files} files match` };
  if (timed) {
    const [, user, sys, rss] = result.stderr.trim().split('\n').pop()!.split(' ').map(Number);
    row.cpu = (user! + sys!) * 1000;
    row.rss = rss! * 1024;
  }
  return row;
}

function parseAll(mode: 'ts' | 'estree', dir: string, files: string[]): Row {
  const run = measureNode([path.join(__dirname, 'subjects', 'parse-all.cjs'), mode, dir], {
    input: JSON.stringify(files),
  });
  const label = mode === 'ts' ? 'ts.createSourceFile, every file' : 'typescript-estree, every file (naive)';
  return { subject: label, wall: run.wall, cpu: run.cpuMs, rss: run.maxRSS * 1024 };
}

function check(subject: string, dir: string, extra: string[]): Row & { timings?: unknown } {
  const run = measureCli(['check', dir, '--format', 'json', ...extra], { ACTIVATION_LENS_TIMING: '1' });
  const info = JSON.parse(run.stderr.trim().split('\n').pop() ?? '{}') as {
    timings?: Record<string, number>;
    index?: { fromIndex: number; scanned: number; local?: number; workers: number };
    freeCores?: number;
  };
  const i = info.index;
  const free = info.freeCores !== undefined ? `${info.freeCores} cores free; ` : '';
  const note = i
    ? `${free}${i.fromIndex} from index, ${i.scanned} by ${i.workers} workers, ${info.timings?.mainExtracted ?? 0} parsed on main (${i.local ?? 0} as its share of the scan)`
    : '';
  return { subject, wall: run.wall, cpu: run.cpuMs, rss: run.maxRSS * 1024, note };
}

/** Edits in an open document, analysed the way the server does after each pause in typing. */
async function keystrokes(dir: string, rel: string): Promise<void> {
  const { lines, tsParse, file, all, note } = await measureKeystrokes(dir, rel, EDITS);
  const base = p50(tsParse);
  rows.push({ subject: `ts.createSourceFile of ${rel} (${lines} lines), p50`, wall: base });
  rows.push({
    subject: `keystroke: re-analysis + diagnostics, p50 of ${file.length}`,
    wall: p50(file),
    note,
  });
  rows.push({ subject: 'full workspace re-check + diagnostics (on pause), p50', wall: p50(all) });
  ratios.push([
    'keystroke (re-analysis + diagnostics) / ts.createSourceFile',
    (p50(file) / base).toFixed(2),
    '≤ 2',
  ]);
  ratios.push([
    'full re-check on pause / ts.createSourceFile of the file',
    (p50(all) / base).toFixed(2),
    '—',
  ]);
}

/** The language server over stdio on the workspace: first index, edits, restart from the index. */
async function server(dir: string, rel: string): Promise<void> {
  const mb = (bytes: number) => Math.round(bytes / 1048576);
  for (const r of await measureServer(dir, rel, path.join(REPO, 'dist', 'server.js'))) {
    rows.push({
      subject: `language server, ${r.run} start to ready + 20 edits`,
      wall: r.ready,
      cpu: r.cpuMs,
      rss: r.rss,
      note: `${r.run === 'cold' ? 'first index (a scan worker thread), then writes the index' : 'from the persistent index'}; RSS: the server process with its threads; process tree ${mb(r.treePeak)} MB sampled (${r.children} child processes)`,
    });
    ratios.push([
      `language server peak RSS, ${r.run} (MB): process / tree`,
      `${mb(r.rss)} / ${mb(r.treePeak)}`,
      '≤ 250',
    ]);
  }
}

async function benchWorkspace(label: string, dir: string, bigFileRel: string): Promise<void> {
  rows.length = 0;
  ratios.length = 0;
  const listing = listSourceFiles(dir);
  const bytes = listing.files.reduce((n, f) => n + (listing.stats.get(f)?.size ?? 0), 0);
  console.log(`\n## ${label}: ${listing.files.length} files, ${(bytes / 1e6).toFixed(1)} MB\n`);
  const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'al-bench-cache-'));
  try {
    const rg = ripgrep(dir);
    const tsRow = parseAll('ts', dir, listing.files);
    const estree = parseAll('estree', dir, listing.files);
    const cold = check('check, cold (default: workers for the idle cores, beside the main thread)', dir, []);
    const workers = check('check, cold, 1 worker beside the main thread (--jobs 1)', dir, ['--jobs', '1']);
    const single = check('check, cold, single-threaded (--jobs 0)', dir, ['--jobs', '0']);
    const indexed = check('check, cold, writing the index', dir, ['--cache-dir', cacheDir]);
    const warm = check('check, warm (index, nothing changed)', dir, ['--cache-dir', cacheDir]);
    const changed = path.join(dir, bigFileRel);
    fs.appendFileSync(changed, `\nexport const benchEdited = ${Date.now()};\n`);
    const warmOne = check('check, warm (index, one file changed)', dir, ['--cache-dir', cacheDir]);
    rows.push(rg, tsRow, estree, cold, workers, single, indexed, warm, warmOne);
    ratios.push(['cold check / ts.createSourceFile (wall)', (cold.wall / tsRow.wall).toFixed(2), '≤ 1.0']);
    ratios.push(['cold check / ts.createSourceFile (CPU)', (cold.cpu! / tsRow.cpu!).toFixed(2), '—']);
    ratios.push([
      'cold check, 1 worker + main thread / ts.createSourceFile (wall)',
      (workers.wall / tsRow.wall).toFixed(2),
      '—',
    ]);
    ratios.push(['warm check, nothing changed / ripgrep (wall)', (warm.wall / rg.wall).toFixed(1), '—']);
    ratios.push(['naive typescript-estree / cold check (wall)', (estree.wall / cold.wall).toFixed(1), '≥ 8']);
    ratios.push([
      'warm check, one file changed / ripgrep (wall)',
      (warmOne.wall / rg.wall).toFixed(1),
      '≤ 10',
    ]);
    await keystrokes(dir, bigFileRel);
    await server(dir, bigFileRel);
  } finally {
    fs.rmSync(cacheDir, { recursive: true, force: true });
  }
  printTable();
}

function printTable(): void {
  const table = rows.map((r) => [
    r.subject,
    seconds(r.wall),
    r.cpu !== undefined ? seconds(r.cpu) : '',
    r.rss !== undefined ? `${Math.round(r.rss / 1048576)} MB` : '',
    r.note ?? '',
  ]);
  const head = ['subject', 'wall', 'CPU', 'peak RSS', 'notes'];
  const widths = head.map((h, i) => Math.max(h.length, ...table.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  console.log(line(head));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const r of table) console.log(line(r));
  console.log('');
  const rw = [Math.max(...ratios.map((r) => r[0].length)), Math.max(6, ...ratios.map((r) => r[1].length)), 6];
  console.log(`| ${'ratio'.padEnd(rw[0]!)} | ${'value'.padEnd(rw[1]!)} | target |`);
  console.log(`|${'-'.repeat(rw[0]! + 2)}|${'-'.repeat(rw[1]! + 2)}|--------|`);
  for (const [k, v, t] of ratios)
    console.log(`| ${k.padEnd(rw[0]!)} | ${v.padEnd(rw[1]!)} | ${t.padEnd(6)} |`);
}

/** The largest source file of a checkout (the keystroke subject there). */
function largestFile(dir: string): string {
  const listing = listSourceFiles(dir);
  return [...listing.files].sort(
    (a, b) => (listing.stats.get(b)?.size ?? 0) - (listing.stats.get(a)?.size ?? 0),
  )[0]!;
}

async function main(): Promise<void> {
  if (!fs.existsSync(path.join(REPO, 'dist', 'parser.js'))) throw new Error('run `npm run build` first');
  console.log(
    `Activation Lens speed benchmark · ${os.cpus().length} cores · Node ${process.version} · load ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  const generated = fs.mkdtempSync(path.join(os.tmpdir(), 'al-bench-ws-'));
  try {
    generateBenchWorkspace(generated, FILES);
    await benchWorkspace('generated workspace', generated, BIG_FILE);
  } finally {
    fs.rmSync(generated, { recursive: true, force: true });
  }
  const checkout = process.argv.slice(2).find((a) => !a.startsWith('-'));
  if (checkout) {
    // A copy: the warm run edits a file.
    const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'al-bench-checkout-'));
    try {
      fs.cpSync(path.resolve(checkout), copy, {
        recursive: true,
        filter: (src) => !src.includes(`${path.sep}node_modules`),
      });
      await benchWorkspace(`checkout ${checkout}`, copy, largestFile(copy));
    } finally {
      fs.rmSync(copy, { recursive: true, force: true });
    }
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
