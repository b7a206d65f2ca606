// `npm run bench:check`: times `activation-lens check` against `scan` over the generated 5,000-file
// workspace, after making every gated component render a child component from another file (the
// gating pass then follows uses across files, and reads every other file's identifiers once). Prints
// figures; asserts nothing.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { generateWorkspace } from './generate-workspace';

const REPO = path.resolve(__dirname, '..');
const FILES = Number(process.env.BENCH_FILES ?? 5000);

function run(command: string, dir: string) {
  const report = path.join(os.tmpdir(), `al-bench-rss-${process.pid}.json`);
  const started = performance.now();
  const result = spawnSync(
    process.execPath,
    [
      '--require',
      path.join(__dirname, 'report-usage.cjs'),
      path.join(REPO, 'bin', 'activation-lens.js'),
      command,
      dir,
      '--format',
      'json',
    ],
    { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, env: { ...process.env, AL_USAGE_REPORT: report } },
  );
  const wall = performance.now() - started;
  if (result.status !== 0 && command === 'scan') throw new Error(`${command} failed: ${result.stderr}`);
  const usage = JSON.parse(fs.readFileSync(report, 'utf8')) as { maxRSS: number; cpuMs: number };
  fs.rmSync(report, { force: true });
  return { wall, ...usage, out: JSON.parse(result.stdout) as Record<string, unknown> };
}

/** Gated components render a plain component of their folder; one child in two tracks a click. */
function addChildren(root: string): number {
  let children = 0;
  for (const module of fs.readdirSync(path.join(root, 'src')).filter((d) => d.startsWith('module'))) {
    const dir = path.join(root, 'src', module);
    const files = fs.readdirSync(dir).sort();
    const plain = files.filter((f) =>
      fs.readFileSync(path.join(dir, f), 'utf8').includes('export function Component'),
    );
    for (const file of files) {
      const text = fs.readFileSync(path.join(dir, file), 'utf8');
      if (!text.includes('export function Feature') || plain.length === 0) continue;
      const child = plain[children % plain.length]!;
      const childPath = path.join(dir, child);
      const childText = fs.readFileSync(childPath, 'utf8');
      const name = /export function (Component\d+)/.exec(childText)![1]!;
      if (children % 2 === 0 && !childText.includes('posthog')) {
        fs.writeFileSync(
          childPath,
          `import posthog from 'posthog-js';\n${childText.replace('onClick={() => setOpen(!open)}', `onClick={() => posthog.capture('${name}_clicked')}`)}`,
        );
      }
      const withChild = text.replace(
        '  return <button',
        `  if (items.length > 3) return <${name} id="c" items={[]} />;\n  return <button`,
      );
      fs.writeFileSync(
        path.join(dir, file),
        `import { ${name} } from './${child.replace(/\.tsx$/, '')}';\n${withChild}`,
      );
      children++;
    }
  }
  return children;
}

function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'al-bench-check-'));
  try {
    const count = generateWorkspace(dir, {
      files: FILES,
      candidateShare: 0.08,
      constantsShare: 0.01,
      seed: 42,
    });
    const children = addChildren(dir);
    const scan = run('scan', dir);
    const check = run('check', dir);
    const features = check.out.features as { milestones: Record<string, { through?: unknown[] }[]> }[];
    const throughChildren = features
      .flatMap((f) => Object.values(f.milestones).flat())
      .filter((l) => l.through?.length).length;
    const rows = [
      ['files', String(count)],
      ['gated components rendering a child from another file', String(children)],
      ['features / links through child components', `${features.length} / ${throughChildren}`],
      [
        'scan wall time / peak RSS',
        `${(scan.wall / 1000).toFixed(2)} s / ${Math.round(scan.maxRSS / 1024)} MB`,
      ],
      [
        'check wall time / peak RSS',
        `${(check.wall / 1000).toFixed(2)} s / ${Math.round(check.maxRSS / 1024)} MB`,
      ],
      ['check CPU time', `${(check.cpuMs / 1000).toFixed(2)} s`],
      ['check / scan', `${(check.wall / scan.wall).toFixed(2)}×`],
    ];
    const width = Math.max(...rows.map((r) => r[0]!.length));
    for (const [k, v] of rows) console.log(`${k!.padEnd(width)}  ${v}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main();
