// Groups entry points into features and links tracking calls to their milestones (DESIGN §2): the plan
// first, then inference — gated code, `feature` properties, the feature key's words in the name —
// with the milestone from the plan or the name's verb. Every link says why it was made.
import picomatch from 'picomatch';
import { type Milestone, MILESTONES, type Plan, type PlanFeature } from '../plan/model';
import type { EntryPoint, FlagSdk, Span, TrackingCall } from '../types';
import { drain, STEP_SIZES, type StepSizes, type Steps } from '../steps';
import type { GateHit, GatingIndex } from './gating';
import {
  type EventLink,
  type FeatureModel,
  type Location,
  type MilestoneSource,
  type ThroughStep,
  type Via,
  VIA_ORDER,
} from './types';
import { containsWords, keyWords, milestoneVerb, nameWords } from './words';

export interface LinkInput {
  plan: Plan;
  /** The plan file as reported (absent with no plan). */
  planFile?: string;
  /** Where each planned feature's key is written in the plan. */
  planSpans?: ReadonlyMap<string, Span>;
  /** A workspace-relative file as a path relative to the plan's folder (for `files` globs). */
  planPath(file: string): string;
  entryPoints: readonly EntryPoint[];
  trackingCalls: readonly TrackingCall[];
  gating: GatingIndex;
}

/** Property names that name the feature an event belongs to. */
export const FEATURE_PROPERTIES = ['feature', 'featureKey', 'feature_key'];

/** The exposure event each SDK logs on a flag check (for display; the KPI source reads the real one). */
export function exposureEvent(sdk: FlagSdk, callee: string, key: string): string {
  switch (sdk) {
    case 'posthog':
      return '$feature_flag_called';
    case 'statsig':
      return /experiment|config|layer/i.test(callee) ? 'statsig::config_exposure' : 'statsig::gate_exposure';
    case 'launchdarkly':
      return 'launchdarkly:feature';
    default:
      return `exposure:${key}`;
  }
}

interface Candidate {
  via: Via;
  reason: string;
  entryPoint?: Location;
  through?: ThroughStep[];
}

export function buildFeatures(input: LinkInput): FeatureModel[] {
  return drain(buildFeaturesSteps(input));
}

/** `buildFeatures` in steps (core/steps.ts): between batches of tracking calls. */
export function* buildFeaturesSteps(input: LinkInput, sizes: StepSizes = STEP_SIZES): Steps<FeatureModel[]> {
  const { plan } = input;
  const features = new Map<string, FeatureModel>();
  const planned = new Map<string, PlanFeature>();
  const byFlag = new Map<string, FeatureModel[]>();
  const addFlag = (flag: string, f: FeatureModel) => {
    const list = byFlag.get(flag) ?? [];
    if (!list.includes(f)) list.push(f);
    byFlag.set(flag, list);
  };
  for (const pf of plan.features) {
    const f = newFeature(pf.key, true, pf.flags, input);
    features.set(pf.key, f);
    planned.set(pf.key, pf);
    for (const flag of [pf.key, ...pf.flags]) addFlag(flag, f);
  }
  for (const ep of input.entryPoints) {
    if (ep.feature === null) continue;
    if (!byFlag.has(ep.feature)) {
      const f = newFeature(ep.feature, false, [ep.feature], input);
      features.set(ep.feature, f);
      addFlag(ep.feature, f);
    }
    for (const f of byFlag.get(ep.feature)!) f.entryPoints.push(ep);
  }
  const fileMatchers = new Map(
    plan.features.filter((pf) => pf.files?.length).map((pf) => [pf.key, picomatch(pf.files!, { dot: true })]),
  );
  const plannedMilestones = new Map<string, Milestone[]>();
  for (const pf of plan.features)
    for (const m of MILESTONES)
      for (const e of pf[m]) {
        const list = plannedMilestones.get(e) ?? [];
        if (!list.includes(m)) list.push(m);
        plannedMilestones.set(e, list);
      }

  // The words of every feature's keys, once: name matching compares every call with every feature.
  const featureWords = [...features.values()].map((f) => ({
    f,
    keys: [f.key, ...f.flags].map((k) => ({ k, words: keyWords(k) })),
  }));
  // The features whose key words start with a given word: a name can only contain a key's words if
  // it contains the first one, so each call looks at those features only (in their order).
  const byFirstWord = new Map<string, number[]>();
  featureWords.forEach(({ keys }, i) => {
    for (const { words } of keys) {
      const list = byFirstWord.get(words[0] ?? '');
      if (!list) byFirstWord.set(words[0] ?? '', [i]);
      else if (list[list.length - 1] !== i) list.push(i);
    }
  });

  let placed = 0;
  for (const call of input.trackingCalls) {
    if (++placed % sizes.featureCalls === 0) yield 'features';
    const hits = input.gating.hitsAt(call.file, call.span.startOffset);
    if (call.event === null) {
      // A dynamic name never satisfies a milestone, but the feature says it is there.
      for (const hit of hits)
        for (const f of byFlag.get(hit.key) ?? [])
          f.unresolved.push({ file: call.file, span: call.span, expression: call.expression ?? '' });
      continue;
    }
    const event = call.event;
    const candidates = new Map<FeatureModel, Candidate>();
    const consider = (f: FeatureModel, c: Candidate) => {
      const current = candidates.get(f);
      if (!current || VIA_ORDER.indexOf(c.via) < VIA_ORDER.indexOf(current.via)) candidates.set(f, c);
    };
    for (const pf of plan.features) {
      const f = features.get(pf.key)!;
      const m = MILESTONES.find((ms) => pf[ms].includes(event));
      if (m) consider(f, { via: 'plan', reason: `the plan lists it as ${pf.key}'s ${m} event` });
      else if (fileMatchers.get(pf.key)?.(input.planPath(call.file)))
        consider(f, { via: 'plan', reason: `it is in one of ${pf.key}'s files (${pf.files!.join(', ')})` });
    }
    for (const prop of FEATURE_PROPERTIES) {
      const value = call.properties?.[prop];
      if (value === undefined) continue;
      for (const f of byFlag.get(value) ?? [])
        consider(f, { via: 'property', reason: `its properties carry ${prop}: '${value}'` });
    }
    for (const hit of hits) {
      for (const f of byFlag.get(hit.key) ?? []) {
        consider(f, {
          via: hit.kind,
          reason: hitReason(hit),
          entryPoint: { file: hit.entryPoint.file, span: hit.entryPoint.span },
          ...(hit.through.length ? { through: hit.through } : {}),
        });
      }
    }
    const eventWords = nameWords(event);
    const named = new Set<number>();
    for (const w of eventWords) for (const i of byFirstWord.get(w) ?? []) named.add(i);
    for (const i of [...named].sort((a, b) => a - b)) {
      const { f, keys } = featureWords[i]!;
      const key = keys.find((k) => containsWords(eventWords, k.words));
      if (key) consider(f, { via: 'name', reason: `the name contains the words of "${key.k}"` });
    }
    for (const [f, c] of candidates) {
      const pf = planned.get(f.key);
      for (const { milestone, from, verb } of milestonesOf(call, pf, plannedMilestones.get(event))) {
        const link: EventLink = {
          event,
          milestone,
          via: c.via,
          reason: c.reason,
          milestoneFrom: from,
          ...(verb ? { verb } : {}),
          file: call.file,
          span: call.span,
          nameSpan: call.nameSpan,
          sdk: call.sdk,
          callee: call.callee,
          ...(c.entryPoint ? { entryPoint: c.entryPoint } : {}),
          ...(c.through ? { through: c.through } : {}),
        };
        // The plan decides which events count for a milestone it declares.
        if (pf && pf[milestone].length > 0 && !pf[milestone].includes(event)) f.otherEvents.push(link);
        else f.milestones[milestone].push(link);
      }
    }
  }

  for (const f of features.values()) {
    addExposure(f, planned.get(f.key));
    f.missing = MILESTONES.filter((m) => f.milestones[m].length === 0);
  }
  return [...features.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

function newFeature(key: string, isPlanned: boolean, flags: string[], input: LinkInput): FeatureModel {
  const f: FeatureModel = {
    key,
    planned: isPlanned,
    flags: [...new Set(flags)],
    entryPoints: [],
    milestones: { discovery: [], activation: [], value: [] },
    missing: [],
    otherEvents: [],
    unresolved: [],
  };
  if (input.planFile !== undefined) f.planFile = input.planFile;
  const span = isPlanned ? input.planSpans?.get(key) : undefined;
  if (span) f.planSpan = span;
  return f;
}

function milestonesOf(
  call: TrackingCall,
  pf: PlanFeature | undefined,
  plannedAnywhere: Milestone[] | undefined,
): { milestone: Milestone; from: MilestoneSource; verb?: string }[] {
  const own = pf ? MILESTONES.filter((m) => pf[m].includes(call.event!)) : [];
  if (own.length) return own.map((milestone) => ({ milestone, from: 'plan' }));
  if (plannedAnywhere?.length) return plannedAnywhere.map((milestone) => ({ milestone, from: 'plan' }));
  // A page or screen view is the user seeing something.
  if (call.kind !== 'track') return [{ milestone: 'discovery', from: 'page' }];
  const verb = milestoneVerb(call.event!);
  if (verb) return [{ milestone: verb.milestone, from: 'verb', verb: verb.verb }];
  return [{ milestone: 'activation', from: 'default' }];
}

/**
 * SDKs that log an exposure on a flag check (or a plan saying `exposure: true`) make the check itself
 * the discovery, unless the plan names the discovery events or says `exposure: false`.
 */
function addExposure(f: FeatureModel, pf: PlanFeature | undefined): void {
  if (pf && pf.discovery.length > 0) return;
  for (const ep of f.entryPoints) {
    const counts = pf?.exposure ?? ep.autoExposure;
    if (!counts || ep.feature === null) continue;
    const event = exposureEvent(ep.sdk, ep.callee, ep.feature);
    f.milestones.discovery.push({
      event,
      milestone: 'discovery',
      via: 'exposure',
      reason:
        pf?.exposure === true
          ? `the plan says ${f.key}'s flag checks log an exposure`
          : `${ep.sdk} logs ${event} when ${ep.callee} checks the flag`,
      milestoneFrom: 'exposure',
      file: ep.file,
      span: ep.span,
      sdk: ep.sdk,
      callee: ep.callee,
      entryPoint: { file: ep.file, span: ep.span },
    });
  }
}

function hitReason(hit: GateHit): string {
  const at = `${hit.entryPoint.file}:${hit.entryPoint.span.start.line}`;
  const check = `the ${hit.key} check at ${at}`;
  let where: string;
  switch (hit.region.kind) {
    case 'branch':
      where = `the branch gated by ${check}`;
      break;
    case 'guard':
      where = `the code after the early return on ${check}`;
      break;
    case 'annotation':
      where = `the code annotated @feature ${hit.key} at ${at}`;
      break;
    case 'function':
      where = `${hit.region.functionName ?? 'the function'}, after ${check}`;
      break;
  }
  if (!hit.through.length) return `it is in ${where}`;
  const path = hit.through.map((t) => `${t.name} (${t.file}:${t.span.start.line})`).join(' → ');
  return `it is in ${path}, used only from ${where}`;
}
