// The KPI parts of the hover cards, read from the last computed values (never a query): the feature
// card's KPI section, and a tracking call's activity.
import type { FeatureModel } from '../../core/features/types';
import { ago, count, countOf, utcMinute } from '../../core/humanise';
import type { TargetCheck } from '../../core/live/targets';
import { kpiRows, mark } from './figures';
import type { ScopeView } from './service';
import { sparklineMarkdown } from './sparkline';

/** Where the numbers come from and how fresh they are. */
function provenance(view: ScopeView, nowMs: number): string {
  const { snapshot } = view;
  const result = snapshot.kpis.result;
  const age = ago((nowMs - Date.parse(snapshot.computedAt)) / 1000);
  const latest = snapshot.kpis.live?.latestEvent;
  const parts = [
    `as of ${utcMinute(result.asOf)}`,
    `\`${snapshot.sourceText}\``,
    `computed ${age}${view.fromCache ? ' (cached)' : ''}`,
  ];
  if (latest) parts.push(`newest event ${utcMinute(latest)}`);
  const head = `**KPIs** · ${parts.join(' · ')}`;
  if (!view.stale) return head;
  return `${head}  \n⚠ **Stale**: the last refresh failed (${view.error}). These are the last values.`;
}

function targetText(t: TargetCheck): string {
  const sign = t.met === false ? '✗' : t.met ? '✓' : '·';
  const which = t.kind === 'duration' ? `${t.label.split(' ')[1]} ` : t.key === 'rptuLift' ? 'lift ' : '';
  return `${sign} ${which}${t.targetText}`;
}

/** The KPI section of a feature card; undefined when the feature's plan names no KPI source. */
export function featureKpiSection(
  view: ScopeView | undefined,
  state: { computing: boolean; error?: string } | undefined,
  f: FeatureModel,
  nowMs: number,
): string | undefined {
  if (!state) return undefined;
  if (!view) {
    return state.error ? `_KPIs unavailable: ${state.error}. Retrying with backoff._` : '_KPIs: computing…_';
  }
  const result = view.snapshot.kpis.result;
  const kpis = result.features[f.key];
  const head = provenance(view, nowMs);
  if (!kpis) return `${head}\n\n_No KPIs for ${f.key} yet: they come with the next refresh._`;
  if (kpis.discoveryFrom === 'none') {
    return `${head}\n\n_${f.key} has no discovery event and no flag exposure: there is no population to measure from._`;
  }
  const planned = view.input.plan.features.find((p) => p.key === f.key);
  const rows = kpiRows(kpis, result.windows, planned?.targets ?? {});
  const table = [
    '| | KPI | value | target |',
    '|---|---|---|---|',
    ...rows.map(
      (r) => `| ${mark(r.targets)} | ${r.label} | ${r.value} | ${r.targets.map(targetText).join(' · ')} |`,
    ),
  ].join('\n');
  const parts = [head];
  const daily = view.snapshot.kpis.live?.features[f.key]?.daily;
  if (daily) parts.push(sparklineMarkdown(daily));
  parts.push(table);
  if (kpis.discoveryFrom !== 'events') {
    parts.push(
      kpis.discoveryFrom === 'exposure'
        ? '_Discovery is measured from the flag SDK’s exposure events._'
        : '_Discovery is measured from the discovery events and the flag SDK’s exposure events._',
    );
  }
  return parts.join('\n\n');
}

/** A tracking call's activity: counts over 7 and 28 days, distinct users, last seen. */
export function eventActivitySection(
  view: ScopeView | undefined,
  event: string,
  nowMs: number,
): string | undefined {
  const live = view?.snapshot.kpis.live;
  if (!view || !live) return undefined;
  const asOf = view.snapshot.kpis.result.asOf;
  const stale = view.stale ? ' · ⚠ stale' : '';
  const a = live.events[event];
  const head = `**Events** · as of ${utcMinute(asOf)} · computed ${ago((nowMs - Date.parse(view.snapshot.computedAt)) / 1000)}${stale}`;
  if (!a || a.lastSeen === null)
    return `${head}  \nNo occurrence of \`${event}\` in \`${view.snapshot.sourceText}\`.`;
  return `${head}  \nLast 7 days **${count(a.last7d)}** · last 28 days **${count(a.last28d)}** · ${countOf(a.users28d, 'user')} in 28 days · last seen ${utcMinute(a.lastSeen)}`;
}
