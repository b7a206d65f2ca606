// What the Features view shows, as plain data (no `vscode` import, so unit tests can check it): each
// feature, its milestones with the events linked to them, and its entry points. The tree view only
// maps these nodes to tree items.
import type {
  EntryPointSummary,
  FeatureKpiSummary,
  FeatureSummary,
  LinkedEventSummary,
  MilestoneName,
  ProtocolLocation,
} from '../../../server/src/protocol';

export type NodeKind =
  'feature' | 'milestone' | 'event' | 'entryPoints' | 'entryPoint' | 'kpis' | 'kpiFigure' | 'kpiTarget';

export interface FeatureNode {
  /** Stable across refreshes while the feature exists, so the view keeps what is expanded. */
  id: string;
  kind: NodeKind;
  /** The feature this node belongs to. */
  feature: string;
  label: string;
  description?: string;
  tooltip?: string;
  /** A codicon id, and the theme colour id to paint it with. */
  icon: string;
  iconColor?: string;
  /** Opened on click. */
  location?: ProtocolLocation;
  /** A feature's entry in the plan file (the "Open in Plan" action). */
  planLocation?: ProtocolLocation;
  parent?: FeatureNode;
  children: FeatureNode[];
}

export const MILESTONE_ORDER: readonly MilestoneName[] = ['discovery', 'activation', 'value'];

/** Why an event is linked, in words (the `via` of a link). */
const VIA_TEXT: Record<string, string> = {
  plan: 'the plan lists it',
  'gated-branch': 'it is sent in code the flag gates',
  'same-function': 'it is sent after the flag check, in the same function',
  name: "its name contains the feature key's words",
  property: 'its properties name the feature',
  exposure: 'the SDK logs it when the flag is checked',
};

const MISSING_TEXT: Record<MilestoneName, string> = {
  discovery: 'No event shows users seeing the feature.',
  activation: 'No event marks its first meaningful use.',
  value: 'No event marks the outcome it promises.',
};

export interface BuildOptions {
  /** Only features with a missing milestone. */
  gapsOnly: boolean;
  /** How a location is shown: `src/Checkout.tsx:9`. */
  describe(location: ProtocolLocation): string;
}

/** The view's root nodes. Features of several folders with the same key stay apart (by index). */
export function buildNodes(features: readonly FeatureSummary[], options: BuildOptions): FeatureNode[] {
  return features
    .map((f, i) => featureNode(f, `${i}:${f.key}`, options))
    .filter((node, i) => !options.gapsOnly || features[i]!.missing.length > 0);
}

function featureNode(f: FeatureSummary, id: string, options: BuildOptions): FeatureNode {
  const complete = f.missing.length === 0;
  const misses = f.kpis?.targets.filter((t) => t.met === false) ?? [];
  const description = [complete ? 'complete' : `missing ${f.missing.join(', ')}`];
  if (f.kpis) description.push(f.kpis.headline + (f.kpis.stale ? ' (stale)' : ''));
  if (misses.length) description.push(`${misses.length} target${misses.length === 1 ? '' : 's'} missed`);
  const tooltip = [
    `${f.key}: ${MILESTONE_ORDER.map((m) => `${m} ${f.missing.includes(m) ? '✗' : '✓'}`).join(' · ')}`,
  ];
  if (f.kpis) tooltip.push(...f.kpis.figures.map((r) => `${r.label}: ${r.value}`));
  for (const miss of misses) tooltip.push(`✗ ${miss.label} ${miss.actualText}, target ${miss.targetText}`);
  const fine = complete && misses.length === 0;
  const node: FeatureNode = {
    id: `feature/${id}`,
    kind: 'feature',
    feature: f.key,
    label: f.key,
    description: description.join(' · '),
    tooltip: tooltip.join('\n'),
    icon: fine ? 'pass' : 'warning',
    iconColor: fine ? 'testing.iconPassed' : 'problemsWarningIcon.foreground',
    children: [],
  };
  if (f.planLocation) node.planLocation = f.planLocation;
  if (f.kpis) node.children.push(kpisNode(f.kpis, node));
  for (const m of MILESTONE_ORDER) node.children.push(milestoneNode(f, m, node, options));
  node.children.push(entryPointsNode(f.entryPoints, node, options));
  return node;
}

/** The feature's KPIs: the headline, then each figure and each target with ✓ or ✗. */
function kpisNode(k: FeatureKpiSummary, parent: FeatureNode): FeatureNode {
  const node: FeatureNode = {
    id: `${parent.id}/kpis`,
    kind: 'kpis',
    feature: parent.feature,
    label: 'KPIs',
    description: `${k.headline}${k.stale ? ' (stale)' : ''}`,
    tooltip: `As of ${k.asOf.slice(0, 16).replace('T', ' ')} UTC${k.stale ? '. Stale: the last refresh failed.' : ''}`,
    icon: k.stale ? 'warning' : 'graph',
    parent,
    children: [],
  };
  node.children = [
    ...k.figures.map((r, i) => ({
      id: `${node.id}/figure/${i}`,
      kind: 'kpiFigure' as const,
      feature: parent.feature,
      label: r.label,
      description: r.value,
      tooltip: `${r.label}: ${r.value}`,
      icon: 'dash',
      parent: node,
      children: [],
    })),
    ...k.targets.map((t, i) => ({
      id: `${node.id}/target/${i}`,
      kind: 'kpiTarget' as const,
      feature: parent.feature,
      label: `target ${t.label}`,
      description: `${t.actualText} (${t.targetText})`,
      tooltip:
        t.met === false
          ? `Missed: ${t.label} is ${t.actualText}, the target is ${t.targetText}.`
          : t.met
            ? 'Met.'
            : 'No population yet.',
      icon: t.met === false ? 'error' : t.met ? 'pass' : 'circle-outline',
      ...(t.met === false
        ? { iconColor: 'problemsErrorIcon.foreground' }
        : t.met
          ? { iconColor: 'testing.iconPassed' }
          : {}),
      parent: node,
      children: [],
    })),
  ];
  return node;
}

function milestoneNode(
  f: FeatureSummary,
  m: MilestoneName,
  parent: FeatureNode,
  options: BuildOptions,
): FeatureNode {
  const events = f.milestones[m] ?? [];
  const missing = f.missing.includes(m);
  const node: FeatureNode = {
    id: `${parent.id}/${m}`,
    kind: 'milestone',
    feature: f.key,
    label: m,
    description: missing ? 'missing' : [...new Set(events.map((e) => e.event))].join(', '),
    tooltip: missing
      ? `${MISSING_TEXT[m]} The quick-fix on the flag check inserts one.`
      : `${events.length} linked event${events.length === 1 ? '' : 's'}`,
    icon: missing ? 'circle-slash' : 'pass',
    iconColor: missing ? 'problemsErrorIcon.foreground' : 'testing.iconPassed',
    parent,
    children: [],
  };
  // A missing milestone opens the flag check, where its quick-fix is.
  const first = f.entryPoints[0];
  if (missing && first) node.location = first.location;
  node.children = events.map((e, i) => eventNode(e, `${node.id}/${i}`, node, options));
  return node;
}

function eventNode(
  e: LinkedEventSummary,
  id: string,
  parent: FeatureNode,
  options: BuildOptions,
): FeatureNode {
  const node: FeatureNode = {
    id,
    kind: 'event',
    feature: parent.feature,
    label: e.event,
    description: e.location ? `${e.via} · ${options.describe(e.location)}` : e.via,
    tooltip: `Linked because ${VIA_TEXT[e.via] ?? e.via}.`,
    icon: e.via === 'exposure' ? 'eye' : 'symbol-event',
    parent,
    children: [],
  };
  if (e.location) node.location = e.location;
  return node;
}

function entryPointsNode(
  entryPoints: readonly EntryPointSummary[],
  parent: FeatureNode,
  options: BuildOptions,
): FeatureNode {
  const node: FeatureNode = {
    id: `${parent.id}/entry-points`,
    kind: 'entryPoints',
    feature: parent.feature,
    label: 'entry points',
    description: String(entryPoints.length),
    tooltip: 'Flag checks and @feature annotations of the feature',
    icon: 'debug-start',
    parent,
    children: [],
  };
  node.children = entryPoints.map((ep, i) => ({
    id: `${node.id}/${i}`,
    kind: 'entryPoint' as const,
    feature: parent.feature,
    label: ep.callee,
    description: `${ep.sdk} · ${options.describe(ep.location)}`,
    icon: ep.sdk === 'annotation' ? 'tag' : 'symbol-boolean',
    location: ep.location,
    parent: node,
    children: [],
  }));
  return node;
}
