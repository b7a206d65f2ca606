// Finds the plan files that govern a workspace's source files: in every folder of the workspace that
// holds (or leads to) source files, and, for files no plan inside covers, the nearest one above the
// workspace, up to the repository root. `--plan FILE` replaces all of them.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { PlanSource } from '../core/check';
import { PLAN_FILE_NAMES } from '../core/plan/files';

export function findPlans(root: string, files: readonly string[]): PlanSource[] {
  const dirs = new Set<string>(['']);
  for (const file of files) {
    for (let dir = parentOf(file); dir !== ''; dir = parentOf(dir)) {
      if (dirs.has(dir)) break;
      dirs.add(dir);
    }
  }
  const plans: PlanSource[] = [];
  for (const dir of [...dirs].sort()) {
    const found = planIn(path.join(root, dir));
    if (found)
      plans.push(readSource(found, dir ? `${dir}/${path.basename(found)}` : path.basename(found), dir));
  }
  if (!plans.some((p) => p.dir === '')) {
    const above = planAbove(root);
    if (above) {
      const rel = path.relative(path.dirname(above), root).split(path.sep).join('/');
      const source = readSource(above, path.relative(root, above).split(path.sep).join('/'), '');
      plans.push({ ...source, pathPrefix: rel ? `${rel}/` : '' });
    }
  }
  return plans;
}

/** The plan given with `--plan`: it governs every file. */
export function explicitPlan(root: string, file: string): PlanSource {
  const abs = path.resolve(file);
  const rel = path.relative(root, abs);
  const inside = rel && !rel.startsWith('..') && !path.isAbsolute(rel);
  const shown = inside ? rel.split(path.sep).join('/') : file;
  const relToPlan = path.relative(path.dirname(abs), root).split(path.sep).join('/');
  return { ...readSource(abs, shown, ''), pathPrefix: relToPlan ? `${relToPlan}/` : '' };
}

function readSource(abs: string, shown: string, dir: string): PlanSource {
  try {
    return { file: shown, dir, text: fs.readFileSync(abs, 'utf8') };
  } catch (error) {
    return { file: shown, dir, readError: (error as NodeJS.ErrnoException).code ?? String(error) };
  }
}

function planIn(dir: string): string | undefined {
  for (const name of PLAN_FILE_NAMES) {
    const file = path.join(dir, name);
    if (isFile(file)) return file;
  }
  return undefined;
}

/** The nearest plan in the workspace's ancestors, not crossing the repository root (a `.git` folder). */
function planAbove(root: string): string | undefined {
  let dir = path.resolve(root);
  while (!fs.existsSync(path.join(dir, '.git'))) {
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
    const found = planIn(dir);
    if (found) return found;
  }
  return undefined;
}

function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

function parentOf(rel: string): string {
  const i = rel.lastIndexOf('/');
  return i < 0 ? '' : rel.slice(0, i);
}
