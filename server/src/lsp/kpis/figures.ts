// A feature's KPIs in words, the same everywhere they show (hover card, Features view, dashboard):
// one row per KPI with its window, the counts behind it and its targets; and the lens headline.
import { count, humanDuration, money, percent, percentShort, windowLength } from '../../core/humanise';
import { checkTargets, type TargetCheck } from '../../core/live/targets';
import type { TargetKey, Targets } from '../../core/plan/model';
import type { DurationKpi, FeatureKpis, KpiWindowsUsed } from '../../kpi/result';
import type { TargetSummary } from '../../protocol';

export interface KpiRow {
  /** `Activation rate · 7d`. */
  label: string;
  value: string;
  targets: TargetCheck[];
}

const ROW_OF: Record<TargetKey, string> = {
  activationRate: 'activation',
  ittvP50: 'ittv',
  ittvP90: 'ittv',
  sttvP50: 'sttv',
  sttvP90: 'sttv',
  ttbvP50: 'ttbv',
  ttbvP90: 'ttbv',
  adoptionRate: 'adoption',
  rptu: 'rptu',
  rptuLift: 'rptu',
};

function step(to: number, from: number): string {
  return from > 0 ? ` (${percent(to / from)})` : '';
}

function duration(d: DurationKpi): string {
  return `p50 ${humanDuration(d.p50)} · p90 ${humanDuration(d.p90)} · reach ${percent(d.reach)} of ${count(d.n)}`;
}

function signed(value: number | null): string {
  return value === null ? '—' : `${value >= 0 ? '+' : ''}${money(value)}`;
}

export function kpiRows(f: FeatureKpis, w: KpiWindowsUsed, targets: Targets): KpiRow[] {
  const checks = checkTargets(targets, f);
  const of = (row: string) => checks.filter((c) => ROW_OF[c.key] === row);
  const r = f.rptu;
  return [
    {
      label: 'Funnel',
      value: `${count(f.discovered)} discovered → ${count(f.activated)} activated${step(f.activated, f.discovered)} → ${count(f.valued)} valued${step(f.valued, f.activated)}`,
      targets: [],
    },
    {
      label: `Activation rate · ${windowLength(w.activation)}`,
      value: `${percent(f.activationRate)} of ${count(f.activationMature)} mature users`,
      targets: of('activation'),
    },
    { label: `ITTV · ${windowLength(w.ittv)}`, value: duration(f.ittv), targets: of('ittv') },
    { label: `STTV · ${windowLength(w.sttv)}`, value: duration(f.sttv), targets: of('sttv') },
    { label: `TTBV · ${windowLength(w.ttbv)}`, value: `${duration(f.ttbv)} new users`, targets: of('ttbv') },
    {
      label: `Adoption · ${windowLength(w.adoption)}`,
      value: `${percent(f.adoptionRate)} of ${count(f.adoptionMature)} mature users`,
      targets: of('adoption'),
    },
    {
      label: `RPTU · ${windowLength(w.rptu)}`,
      value: `${money(r.all)} over ${count(r.trialUsers)} trial users · activated ${money(r.activated)} (${count(r.activatedTrialUsers)}) vs not ${money(r.notActivated)} (${count(r.notActivatedTrialUsers)}) · lift ${signed(r.lift)}`,
      targets: of('rptu'),
    },
  ];
}

/** `activation 41% · STTV p50 3h 12m`: what the code lens adds. */
export function headline(f: FeatureKpis): string {
  return `activation ${percentShort(f.activationRate)} · STTV p50 ${humanDuration(f.sttv.p50)}`;
}

/** ✓ when every target of a row is met, ✗ when one is missed, nothing without targets. */
export function mark(targets: readonly TargetCheck[]): string {
  if (targets.some((t) => t.met === false)) return '✗';
  return targets.length && targets.every((t) => t.met === true) ? '✓' : '';
}

export function targetSummaries(targets: Targets, f: FeatureKpis): TargetSummary[] {
  return checkTargets(targets, f).map((c) => ({
    label: c.label,
    actualText: c.actualText,
    targetText: c.targetText,
    met: c.met,
    kind: c.kind,
    target: c.target,
    actual: c.actual,
  }));
}
