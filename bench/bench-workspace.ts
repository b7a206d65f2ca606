// The generated workspace of `npm run bench`: deterministic, `files` source files in all.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { generateWorkspace } from './generate-workspace';
import { bigFile } from './keystroke';

/** The 3,700-line file of components the keystroke subjects edit. */
export const BIG_FILE = 'src/big/Dashboard.tsx';

export function generateBenchWorkspace(dir: string, files: number): void {
  generateWorkspace(dir, {
    files: files - 1,
    candidateShare: 0.1,
    constantsShare: 0.01,
    seed: 42,
    wrappers: true,
  });
  fs.mkdirSync(path.join(dir, path.dirname(BIG_FILE)), { recursive: true });
  fs.writeFileSync(path.join(dir, BIG_FILE), bigFile());
}
