// Copies fixture workspaces to temporary folders, so tests can add generated files to them.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const FIXTURES = path.resolve(__dirname, '..', 'fixtures');

export function copyFixture(name: string): string {
  const dest = fs.mkdtempSync(path.join(os.tmpdir(), 'activation-lens-'));
  fs.cpSync(path.join(FIXTURES, name), dest, { recursive: true });
  return dest;
}

export function removeDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}

/** A temporary copy of the README's demo workspace (examples/demo-shop). */
export function copyDemo(): string {
  const dest = fs.mkdtempSync(path.join(os.tmpdir(), 'activation-lens-demo-'));
  fs.cpSync(path.resolve(__dirname, '..', '..', 'examples', 'demo-shop'), dest, { recursive: true });
  return dest;
}
