// A plan drafted from what the code shows (`activation-lens init`, the editor's "Create Plan from
// Code"): each feature with its flag keys and the events linked to its milestones, a gap written as an
// empty list with a comment. Over an existing plan the features are updated in place, so its comments,
// other sections, and whatever it declares that the code does not show are kept.
import { type Document, isMap, isSeq, parseDocument, Scalar, YAMLMap, type YAMLSeq } from 'yaml';
import type { FeatureModel } from '../features/types';
import { type Milestone, MILESTONES } from './model';

export type PlanFormat = 'yaml' | 'json';

/** The existing plan has YAML (or JSON) syntax errors: drafting over it could lose what it says. */
export class PlanSyntaxError extends Error {}

export interface DraftResult {
  text: string;
  /** Features written that the plan did not have before. */
  added: string[];
  /** Features of the plan that gained events or flag keys. */
  updated: string[];
  /** Milestones left without events, per feature. */
  gaps: { feature: string; milestone: Milestone }[];
}

const HEADER = [
  ' Activation Lens plan, drafted from the feature flags and tracking calls found in the code.',
  ' Each feature lists the events of its discovery, activation and value milestones; an empty list',
  ' is a gap to instrument. `activation-lens check` reports what is still missing.',
].join('\n');

const GAP_COMMENT: Record<Milestone, string> = {
  discovery: ' gap: no event shows users seeing the feature',
  activation: ' gap: no event marks the first meaningful use',
  value: ' gap: no event marks the outcome the feature promises',
};

/**
 * Writes `features` into `existing` (the current plan's text, if any) and returns the new text. JSON
 * plans come back as JSON (their comments cannot be kept: JSON has none).
 */
export function draftPlan(
  features: readonly FeatureModel[],
  existing?: { text: string; format: PlanFormat },
): DraftResult {
  const doc: Document = parseDocument(existing?.text ?? '');
  const error = doc.errors[0];
  if (error) throw new PlanSyntaxError(error.message.split('\n')[0]);
  if (!isMap(doc.contents)) {
    // An empty (or non-map) file starts over: the schema wants a map at the top.
    doc.contents = new YAMLMap();
    if (!existing || existing.text.trim() === '') doc.commentBefore = HEADER;
  }
  const top = doc.contents as YAMLMap;
  const current: unknown = doc.get('features', true);
  const map: YAMLMap = isMap(current) ? current : new YAMLMap();
  if (!isMap(current)) {
    doc.set('features', map);
    if (top.items.length > 1) spaceBeforeKey(top, 'features');
  }
  const result: DraftResult = { text: '', added: [], updated: [], gaps: [] };
  for (const feature of features) writeFeature(doc, map, feature, result);
  result.text =
    existing?.format === 'json'
      ? `${JSON.stringify(doc.toJS(), null, 2)}\n`
      : doc.toString({ flowCollectionPadding: false, lineWidth: 0 });
  return result;
}

function writeFeature(doc: Document, features: YAMLMap, feature: FeatureModel, result: DraftResult): void {
  const found: unknown = features.get(feature.key, true);
  const isNew = !isMap(found);
  const entry: YAMLMap = isMap(found) ? found : new YAMLMap();
  if (isNew) {
    features.set(new Scalar(feature.key), entry);
    if (features.items.length > 1) spaceBeforeKey(features, feature.key);
  }
  let changed = false;
  const flags = flagKeys(feature);
  if (flags.length > 0 && !entry.has('flag')) {
    entry.set('flag', flags.length === 1 ? flags[0] : flowList(doc, flags));
    changed = true;
  }
  for (const m of MILESTONES) {
    const found = linkedEvents(feature, m);
    const listedNode: unknown = entry.get(m, true);
    const listed = listedEvents(listedNode);
    if (listed.length > 0) continue; // the plan decides this milestone's events
    if (found.length > 0) {
      entry.set(m, flowList(doc, found));
      changed = true;
      continue;
    }
    if (feature.missing.includes(m)) result.gaps.push({ feature: feature.key, milestone: m });
    if (listedNode === undefined) {
      const empty = flowList(doc, []);
      empty.comment = gapComment(feature, m);
      entry.set(m, empty);
      changed = true;
    }
  }
  if (isNew) result.added.push(feature.key);
  else if (changed) result.updated.push(feature.key);
}

/** Flag keys of the feature's flag checks (`@feature` annotations are no flags). */
function flagKeys(feature: FeatureModel): string[] {
  const fromChecks = feature.entryPoints.filter((ep) => ep.sdk !== 'annotation' && ep.feature !== null);
  if (fromChecks.length === 0) return [];
  return [...new Set(fromChecks.map((ep) => ep.feature!))];
}

/** Events that satisfy the milestone, from tracking calls (an SDK's exposure is no event to list). */
function linkedEvents(feature: FeatureModel, m: Milestone): string[] {
  return [...new Set(feature.milestones[m].filter((l) => l.via !== 'exposure').map((l) => l.event))];
}

function gapComment(feature: FeatureModel, m: Milestone): string {
  const exposure = feature.milestones[m].find((l) => l.via === 'exposure');
  // The SDK's exposure already counts as discovery: the list stays empty so that it keeps counting.
  return exposure ? ` counted by the flag check: ${exposure.sdk} logs ${exposure.event}` : GAP_COMMENT[m];
}

function listedEvents(node: unknown): string[] {
  if (node instanceof Scalar && typeof node.value === 'string') return [node.value];
  if (isSeq(node))
    return node.items.flatMap((item) =>
      item instanceof Scalar && typeof item.value === 'string' ? [item.value] : [],
    );
  return [];
}

function flowList(doc: Document, items: string[]): YAMLSeq {
  const seq = doc.createNode(items) as YAMLSeq;
  seq.flow = true;
  return seq;
}

/** A blank line before `key` in `map`, as people separate sections and features. */
function spaceBeforeKey(map: YAMLMap, key: string): void {
  const pair = map.items.find((p) => (p.key instanceof Scalar ? p.key.value : p.key) === key);
  if (pair && pair.key instanceof Scalar) pair.key.spaceBefore = true;
  else if (pair) pair.key = Object.assign(new Scalar(key), { spaceBefore: true });
}
