// `npm run package`: writes activation-lens-<version>.vsix at the repo root (or `--out FILE`).
// vsce runs `vscode:prepublish` (the production build) first. The package holds the allowlist in
// .vscodeignore plus the packages of scripts/runtime-packages.json with their dependencies: all
// other code is bundled by esbuild, so the rest of node_modules stays out.
import { createVSIX } from '@vscode/vsce';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';

const repo = path.resolve(import.meta.dirname, '..');
const { values } = parseArgs({ options: { out: { type: 'string' } } });

/** The folder of package `name` as Node would resolve it from `fromDir`. */
function packageDir(fromDir, name) {
  for (let dir = fromDir; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', name);
    if (fs.existsSync(path.join(candidate, 'package.json'))) return candidate;
    if (dir === path.dirname(dir)) return undefined;
  }
}

/** Runtime packages and, transitively, their dependencies (installed optional ones too), as folders. */
function runtimeClosure(names) {
  const dirs = new Set();
  const visit = (fromDir, name, optional) => {
    const dir = packageDir(fromDir, name);
    if (!dir) {
      if (optional) return;
      throw new Error(`runtime package ${name} is not installed: run npm ci`);
    }
    if (dirs.has(dir)) return;
    dirs.add(dir);
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
    for (const dep of Object.keys(manifest.dependencies ?? {})) visit(dir, dep, false);
    for (const dep of Object.keys(manifest.optionalDependencies ?? {})) visit(dir, dep, true);
  };
  for (const name of names) visit(repo, name, false);
  return [...dirs].map((dir) => path.relative(repo, dir).split(path.sep).join('/'));
}

const { packages } = JSON.parse(fs.readFileSync(path.join(repo, 'scripts', 'runtime-packages.json'), 'utf8'));
const manifest = JSON.parse(fs.readFileSync(path.join(repo, 'package.json'), 'utf8'));
// The run-time packages include native addons (DuckDB) built for this machine: the package is for
// this platform only, and says so (VS Code's `--target`), under the usual file name.
const target = `${process.platform}-${process.arch}`;
const shipped = runtimeClosure(packages);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'activation-lens-vsix-'));
try {
  const ignoreFile = path.join(tmp, '.vscodeignore');
  const allowlist = fs.readFileSync(path.join(repo, '.vscodeignore'), 'utf8');
  fs.writeFileSync(ignoreFile, allowlist + shipped.map((dir) => `!${dir}/**\n`).join(''));
  await createVSIX({
    cwd: repo,
    packagePath: values.out
      ? path.resolve(values.out)
      : path.join(repo, `${manifest.name}-${manifest.version}.vsix`),
    ...(packages.length > 0 ? { target } : {}),
    ignoreFile,
    // Without runtime packages vsce need not list node_modules at all (faster).
    dependencies: shipped.length > 0,
  });
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
