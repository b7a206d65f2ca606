// Lookups over the feature model for editors: what a tracking call serves, which features a flag
// check enters (hovers, code lenses).
import { MILESTONES } from '../plan/model';
import type { EventLink, FeatureModel } from './types';

export interface CallLink {
  feature: string;
  link: EventLink;
  /** False when the plan names other events for that milestone (the link is shown, not counted). */
  counts: boolean;
}

/** Every feature and milestone the tracking call starting at `offset` in `file` is linked to. */
export function linksOfCall(features: readonly FeatureModel[], file: string, offset: number): CallLink[] {
  const out: CallLink[] = [];
  const at = (l: EventLink) => l.via !== 'exposure' && l.file === file && l.span.startOffset === offset;
  for (const f of features) {
    for (const m of MILESTONES)
      for (const link of f.milestones[m]) if (at(link)) out.push({ feature: f.key, link, counts: true });
    for (const link of f.otherEvents) if (at(link)) out.push({ feature: f.key, link, counts: false });
  }
  return out;
}

/** The features a flag check at `offset` in `file` enters (one per plan that names its key). */
export function featuresOfEntryPoint(
  features: readonly FeatureModel[],
  file: string,
  offset: number,
): FeatureModel[] {
  return features.filter((f) =>
    f.entryPoints.some((ep) => ep.file === file && ep.span.startOffset === offset),
  );
}
