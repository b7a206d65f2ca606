// `node --import tsx bench/keystroke.bench.ts [<workspace> <file>]`: the keystroke subject of
// `npm run bench` alone (p50 of 50 edits in a 3.7k-line file, the keystroke path only), for
// profiling: with CPU_PROFILE=<file>, writes a CPU profile of the edits alone (not the indexing).
// With no workspace, the generated one of `npm run bench` (BENCH_FILES files) in a temporary folder.
import * as fs from 'node:fs';
import { Session } from 'node:inspector/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { BIG_FILE, generateBenchWorkspace } from './bench-workspace';
import { bigFile, measureKeystrokes, p50 } from './keystroke';

async function main(): Promise<void> {
  const [given, givenFile] = process.argv.slice(2);
  const dir = given ?? fs.mkdtempSync(path.join(os.tmpdir(), 'al-bench-ws-'));
  try {
    if (!given) generateBenchWorkspace(dir, Number(process.env.BENCH_FILES ?? 10000));
    const rel = givenFile ?? BIG_FILE;
    if (given && !givenFile) {
      fs.mkdirSync(path.join(dir, path.dirname(rel)), { recursive: true });
      fs.writeFileSync(path.join(dir, rel), bigFile());
    }
    const profile = process.env.CPU_PROFILE;
    const session = profile ? new Session() : undefined;
    const run = await measureKeystrokes(dir, rel, 50, true, async () => {
      if (!session) return;
      session.connect();
      await session.post('Profiler.enable');
      await session.post('Profiler.setSamplingInterval', { interval: 200 });
      await session.post('Profiler.start');
    });
    if (session && profile) {
      const { profile: data } = await session.post('Profiler.stop');
      fs.writeFileSync(profile, JSON.stringify(data));
      session.disconnect();
    }
    const base = p50(run.tsParse);
    console.log(`ts.createSourceFile of ${rel} (${run.lines} lines), p50: ${base.toFixed(1)} ms`);
    console.log(`keystroke path + diagnostics, p50: ${p50(run.file).toFixed(1)} ms (${run.note})`);
    console.log(`ratio: ${(p50(run.file) / base).toFixed(2)} (target ≤ 2)`);
    const { total, longest, count, longestPart } = run.steps;
    console.log(
      `full check after the edits, in ${count + 1} steps: ${total.toFixed(1)} ms, longest step ${longest.toFixed(1)} ms (${longestPart ?? '?'})`,
    );
  } finally {
    if (!given) fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
