// `npm run bench:check`: times `activation-lens check` against `scan` over the generated 5,000-file
// workspace, after making every gated component render a child component from another file (the
// gating pass then follows uses across files, and reads every other file's identifiers once). Prints
// figures; asserts nothing.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { generateWorkspace } from './generate-workspace';
import { measureCli, printRows } from './measure-cli';

const FILES = Number(process.env.BENCH_FILES ?? 5000);

function run(command: string, dir: string) {
  const measured = measureCli([command, dir, '--format', 'json']);
  return { ...measured, out: JSON.parse(measured.stdout) as Record<string, unknown> };
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
      ['scan / check CPU time', `${(scan.cpuMs / 1000).toFixed(2)} s / ${(check.cpuMs / 1000).toFixed(2)} s`],
      [
        'check / scan (wall, CPU)',
        `${(check.wall / scan.wall).toFixed(2)}×, ${(check.cpuMs / scan.cpuMs).toFixed(2)}×`,
      ],
    ];
    printRows(rows);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main();
