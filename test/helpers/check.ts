// In-memory `check` runs: source files and plan files in one map, real parser and real rules.
import { type CheckResult, checkWorkspace, type PlanSource } from '../../server/src/core/check';
import { extractFile } from '../../server/src/core/extract';
import type { EventLink, FeatureModel } from '../../server/src/core/features/types';
import { isSourceFile } from '../../server/src/core/languages';
import { PLAN_FILE_NAMES } from '../../server/src/core/plan/files';
import type { Milestone } from '../../server/src/core/plan/model';
import type { LevelOverride } from '../../server/src/core/rules/types';
import { memoryHost } from './memory';

export function checkSources(files: Record<string, string>, levels?: LevelOverride): CheckResult {
  const plans: PlanSource[] = Object.keys(files)
    .filter((f) => (PLAN_FILE_NAMES as readonly string[]).includes(f.slice(f.lastIndexOf('/') + 1)))
    .map((file) => ({
      file,
      dir: file.includes('/') ? file.slice(0, file.lastIndexOf('/')) : '',
      text: files[file]!,
    }));
  const sources = Object.keys(files).filter(isSourceFile).sort();
  return checkWorkspace({
    files: sources,
    host: memoryHost(files),
    plans,
    extract: extractFile,
    ...(levels ? { levels } : {}),
  });
}

export function feature(result: CheckResult, key: string): FeatureModel {
  const f = result.features.find((x) => x.key === key);
  if (!f) throw new Error(`no feature ${key} among ${result.features.map((x) => x.key).join(', ')}`);
  return f;
}

/** `event → "milestone via"` for every link of a feature that counts. */
export function links(result: CheckResult, key: string): Record<string, string> {
  const out: Record<string, string> = {};
  const f = feature(result, key);
  for (const m of ['discovery', 'activation', 'value'] as Milestone[]) {
    for (const l of f.milestones[m]) out[l.event] = `${m} ${l.via}`;
  }
  return out;
}

export function link(result: CheckResult, key: string, event: string): EventLink {
  const f = feature(result, key);
  const found = [
    ...f.milestones.discovery,
    ...f.milestones.activation,
    ...f.milestones.value,
    ...f.otherEvents,
  ].find((l) => l.event === event);
  if (!found) throw new Error(`${event} is not linked to ${key}: ${JSON.stringify(links(result, key))}`);
  return found;
}

/** Compact diagnostics: `rule file:line:col`. */
export function diagnostics(result: CheckResult, rule?: string): string[] {
  return result.diagnostics
    .filter((d) => rule === undefined || d.rule === rule)
    .map((d) => `${d.rule} ${d.file}:${d.span.start.line}:${d.span.start.column}`);
}
