// `init` on disk: drafts the plan file of a folder from what `check` finds there, or updates the
// existing one when forced. The file is replaced atomically (written beside it, then renamed), so an
// interrupted run never leaves half a plan.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { draftPlan, type DraftResult, PlanSyntaxError } from '../core/plan/draft';
import { PLAN_FILE_NAMES } from '../core/plan/files';
import { checkDirectory } from './check';

export type InitOutcome =
  /** A plan exists and `force` was not given: nothing was written. */
  | { status: 'exists'; file: string }
  /** The existing plan cannot be parsed: nothing was written. */
  | { status: 'invalid'; file: string; message: string }
  | ({ status: 'written'; file: string; created: boolean; features: number } & Omit<DraftResult, 'text'>);

export async function initPlan(root: string, options: { force?: boolean } = {}): Promise<InitOutcome> {
  const existing = PLAN_FILE_NAMES.map((name) => path.join(root, name)).find(isFile);
  if (existing && !options.force) return { status: 'exists', file: existing };
  const { result } = await checkDirectory(root);
  // Features that a plan of a sub-folder governs stay in that plan.
  const features = result.features.filter(
    (f) => f.planFile === undefined || !f.planFile.includes('/') || f.planFile.startsWith('../'),
  );
  const file = existing ?? path.join(root, PLAN_FILE_NAMES[0]);
  let draft: DraftResult;
  try {
    draft = draftPlan(
      features,
      existing
        ? { text: fs.readFileSync(existing, 'utf8'), format: existing.endsWith('.json') ? 'json' : 'yaml' }
        : undefined,
    );
  } catch (error) {
    if (error instanceof PlanSyntaxError) return { status: 'invalid', file, message: error.message };
    throw error;
  }
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, draft.text);
  fs.renameSync(temp, file);
  const { text: _text, ...summary } = draft;
  return { status: 'written', file, created: !existing, features: features.length, ...summary };
}

function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}
