// The Features view's data (`activationLens/features`).
import type { Analysis } from '../core/scan';
import type { FeatureSummary } from '../protocol';
import { toRange } from './ranges';

export function featureSummaries(analysis: Analysis, uriOf: (file: string) => string): FeatureSummary[] {
  const byKey = new Map<string, FeatureSummary>();
  for (const ep of analysis.entryPoints) {
    if (ep.feature === null) continue;
    let f = byKey.get(ep.feature);
    if (!f) {
      f = {
        key: ep.feature,
        entryPoints: [],
        milestones: { discovery: [], activation: [], value: [] },
        missing: [],
      };
      byKey.set(ep.feature, f);
    }
    f.entryPoints.push({
      sdk: ep.sdk,
      callee: ep.callee,
      location: { uri: uriOf(ep.file), range: toRange(ep.span) },
    });
  }
  return [...byKey.values()].sort((a, b) => (a.key < b.key ? -1 : 1));
}
