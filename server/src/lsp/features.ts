// The Features view's data (`activationLens/features`), from the check's feature model.
import type { CheckResult } from '../core/check';
import { MILESTONES } from '../core/plan/model';
import type { FeatureSummary, MilestoneName } from '../protocol';
import { toRange } from './ranges';

export function featureSummaries(result: CheckResult, uriOf: (file: string) => string): FeatureSummary[] {
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
      missing: f.missing as MilestoneName[],
    };
    if (f.planFile && f.planSpan)
      summary.planLocation = { uri: uriOf(f.planFile), range: toRange(f.planSpan) };
    return summary;
  });
}
