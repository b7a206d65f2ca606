// Code lenses above each entry point: the feature and its milestone checklist.
import type { CodeLens } from 'vscode-languageserver';
import type { CheckResult } from '../core/check';
import { featuresOfEntryPoint } from '../core/features/query';
import type { FeatureModel } from '../core/features/types';
import { MILESTONES } from '../core/plan/model';
import { toRange } from './ranges';

/** The client command a lens runs: reveal the feature in the Features view. */
export const REVEAL_FEATURE_COMMAND = 'activationLens.revealFeature';

export function lensTitle(f: FeatureModel, kpis?: string): string {
  const checklist = MILESTONES.map((m) => `${m} ${f.missing.includes(m) ? '✗' : '✓'}`).join(' · ');
  return [f.key, checklist, kpis].filter(Boolean).join(' · ');
}

export function codeLenses(
  result: CheckResult,
  file: string,
  kpisOf?: (f: FeatureModel) => string | undefined,
): CodeLens[] {
  const lenses: CodeLens[] = [];
  for (const ep of result.entryPoints) {
    if (ep.file !== file || ep.feature === null) continue;
    for (const f of featuresOfEntryPoint(result.features, file, ep.span.startOffset)) {
      lenses.push({
        range: toRange(ep.span),
        command: { title: lensTitle(f, kpisOf?.(f)), command: REVEAL_FEATURE_COMMAND, arguments: [f.key] },
      });
    }
  }
  return lenses;
}
