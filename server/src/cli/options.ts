// Option helpers shared by commands.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { UsageError } from './errors';

/** Resolves the `[dir]` argument and checks it is a readable folder. */
export function workspaceDir(dir: string | undefined): string {
  const root = path.resolve(dir ?? '.');
  let stat: fs.Stats;
  try {
    stat = fs.statSync(root);
    fs.accessSync(root, fs.constants.R_OK);
  } catch {
    throw new UsageError(`cannot read folder ${dir ?? '.'}`);
  }
  if (!stat.isDirectory()) throw new UsageError(`not a folder: ${dir}`);
  return root;
}

export function choice<T extends string>(name: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) {
    throw new UsageError(`--${name} must be one of ${allowed.join(', ')} (got ${value})`);
  }
  return value as T;
}
