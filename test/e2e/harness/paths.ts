// Where the editor tests find what they run: the repository, the built .vsix, code-server, Chromium.
import * as fs from 'node:fs';
import * as path from 'node:path';

export const REPO = path.resolve(__dirname, '..', '..', '..');
export const RESULTS_DIR = path.join(REPO, 'test-results');
export const FIXTURES_DIR = path.join(REPO, 'test', 'fixtures', 'e2e');
/** The README's demo workspace, which editor tests can open as `demo` (its events generated first). */
export const DEMO_WORKSPACE = 'demo';
export const DEMO_DIR = path.join(REPO, 'examples', 'demo-shop');

/** The folder a workspace name stands for: a folder of test/fixtures/e2e, or the demo. */
export function workspaceDir(name: string): string {
  return name === DEMO_WORKSPACE ? DEMO_DIR : path.join(FIXTURES_DIR, name);
}
export const CODE_SERVER_BIN = path.join(
  REPO,
  'test',
  'e2e',
  'code-server',
  'node_modules',
  '.bin',
  'code-server',
);
export const CHROMIUM = process.env.ACTIVATION_LENS_CHROMIUM ?? '/usr/bin/chromium';
/** The in-host test entry, built by esbuild.mjs from test/e2e/host/index.ts. */
export const HOST_TESTS_ENTRY = path.join(REPO, 'dist', 'test', 'e2e', 'host', 'index.js');

interface Manifest {
  name: string;
  publisher: string;
  version: string;
}
export const MANIFEST = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as Manifest;
export const EXTENSION_ID = `${MANIFEST.publisher}.${MANIFEST.name}`;
/** Written by `npm run package`. */
export const VSIX = path.join(REPO, `${MANIFEST.name}-${MANIFEST.version}.vsix`);

/** Fails with the command that fixes it when a prerequisite of the editor tests is missing. */
export function requireFile(file: string, fix: string): string {
  if (!fs.existsSync(file)) throw new Error(`${path.relative(REPO, file)} is missing: run ${fix}`);
  return file;
}
