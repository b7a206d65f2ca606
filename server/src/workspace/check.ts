// `check` of a folder on disk: list its files, find its plans, run the core.
import { type CheckResult, checkWorkspace } from '../core/check';
import type { LevelOverride } from '../core/rules/types';
import type { SkipCounts } from '../core/types';
import { listSourceFiles } from './files';
import { DiskHost } from './host';
import { explicitPlan, findPlans } from './plans';

export interface DirectoryCheck {
  root: string;
  /** Source files analysed (binary files excluded). */
  files: number;
  skipped: SkipCounts;
  result: CheckResult;
}

export function checkDirectory(
  root: string,
  options: { planFile?: string; levels?: LevelOverride } = {},
): DirectoryCheck {
  const listing = listSourceFiles(root);
  const host = new DiskHost(root, new Set(listing.files));
  const plans = options.planFile ? [explicitPlan(root, options.planFile)] : findPlans(root, listing.files);
  const result = checkWorkspace({
    files: listing.files,
    host,
    plans,
    ...(options.levels ? { levels: options.levels } : {}),
  });
  const binary = host.binaryFiles;
  return { root, files: listing.files.length - binary, skipped: { ...listing.skipped, binary }, result };
}
