// The Features view's data (`activationLens/features`), from the check's feature model.
import type { CheckResult } from '../core/check';
import { MILESTONES } from '../core/plan/model';
import type { FeatureSummary, MilestoneName } from '../protocol';
import { toRange } from './ranges';

/**
 * The gaps the Problems panel reports: missing milestones of features with `missing-*` findings (a
 * flag the plan does not know is an unknown-flag instead, and a rule turned off hides its gaps).
 */
export function reportedGaps(result: CheckResult): Set<string> {
  const gaps = new Set<string>();
  for (const d of result.diagnostics) {
    if (d.rule.startsWith('missing-') && d.feature && d.milestone) gaps.add(`${d.feature}\0${d.milestone}`);
  }
  return gaps;
}

export function featureSummaries(result: CheckResult, uriOf: (file: string) => string): FeatureSummary[] {
  const gaps = reportedGaps(result);
  return result.features.map((f) => {
    const summary: FeatureSummary = {
      key: f.key,
      entryPoints: f.entryPoints.map((ep) => ({
        sdk: ep.sdk,
        callee: ep.callee,
        location: { uri: uriOf(ep.file), range: toRange(ep.span) },
      })),
      milestones: Object.fromEntries(
        MILESTONES.map((m) => [
          m,
          f.milestones[m].map((l) => ({
            event: l.event,
            via: l.via,
            location: { uri: uriOf(l.file), range: toRange(l.span) },
          })),
        ]),
      ) as FeatureSummary['milestones'],
      missing: f.missing.filter((m) => gaps.has(`${f.key}\0${m}`)) as MilestoneName[],
    };
    if (f.planFile && f.planSpan)
      summary.planLocation = { uri: uriOf(f.planFile), range: toRange(f.planSpan) };
    return summary;
  });
}
