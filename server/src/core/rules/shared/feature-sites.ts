// Where a feature-level finding goes: each of the feature's entry points, and its plan entry (or a
// more precise place in it, such as the target a KPI misses).
import type { FeatureModel } from '../../features/types';
import type { Span } from '../../types';
import type { Finding, RelatedLocation } from '../types';

export interface Site {
  file: string;
  span: Span;
}

export function featureSites(f: FeatureModel, planFile: string | undefined, planSpan = f.planSpan): Site[] {
  const sites: Site[] = f.entryPoints.map((ep) => ({ file: ep.file, span: ep.span }));
  if (planFile !== undefined && planSpan) sites.push({ file: planFile, span: planSpan });
  return sites;
}

/** One finding per site, each relating the other sites. */
export function atSites(
  sites: readonly Site[],
  finding: Omit<Finding, 'file' | 'span' | 'related'>,
  describe: (site: Site) => string,
  extra: RelatedLocation[] = [],
): Finding[] {
  return sites.map((site) => ({
    ...finding,
    file: site.file,
    span: site.span,
    related: [
      ...sites.filter((s) => s !== site).map((s) => ({ file: s.file, span: s.span, message: describe(s) })),
      ...extra,
    ],
  }));
}
