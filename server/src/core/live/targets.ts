// A feature's KPIs against the targets its plan entry declares (`targets:`): which are met, which
// missed, in words people read. Used by the live rule `kpi-below-target`, hovers, lenses, the Features
// view and the dashboard.
import { countOf, humanDuration, money, percent } from '../humanise';
import type { TargetKey, Targets } from '../plan/model';
import type { FeatureFigures } from './types';

export type TargetKind = 'rate' | 'duration' | 'money';

export interface TargetDefinition {
  key: TargetKey;
  /** `activation rate`, `STTV p50`. */
  label: string;
  kind: TargetKind;
  /** Rates and money should reach the target; durations should stay within it. */
  better: 'higher' | 'lower';
  value(f: FeatureFigures): number | null;
  /** The users the figure is measured over. */
  population(f: FeatureFigures): number;
}

const duration = (key: TargetKey, kpi: 'ittv' | 'sttv' | 'ttbv', p: 'p50' | 'p90'): TargetDefinition => ({
  key,
  label: `${kpi.toUpperCase()} ${p}`,
  kind: 'duration',
  better: 'lower',
  value: (f) => f[kpi][p],
  population: (f) => f[kpi].converted,
});

/** Every target the plan can set, in the order they are shown. */
export const TARGETS: readonly TargetDefinition[] = [
  {
    key: 'activationRate',
    label: 'activation rate',
    kind: 'rate',
    better: 'higher',
    value: (f) => f.activationRate,
    population: (f) => f.activationMature,
  },
  duration('ittvP50', 'ittv', 'p50'),
  duration('ittvP90', 'ittv', 'p90'),
  duration('sttvP50', 'sttv', 'p50'),
  duration('sttvP90', 'sttv', 'p90'),
  duration('ttbvP50', 'ttbv', 'p50'),
  duration('ttbvP90', 'ttbv', 'p90'),
  {
    key: 'adoptionRate',
    label: 'adoption rate',
    kind: 'rate',
    better: 'higher',
    value: (f) => f.adoptionRate,
    population: (f) => f.adoptionMature,
  },
  {
    key: 'rptu',
    label: 'RPTU',
    kind: 'money',
    better: 'higher',
    value: (f) => f.rptu.all,
    population: (f) => f.rptu.trialUsers,
  },
  {
    key: 'rptuLift',
    label: 'RPTU lift',
    kind: 'money',
    better: 'higher',
    value: (f) => f.rptu.lift,
    population: (f) => f.rptu.trialUsers,
  },
];

export interface TargetCheck {
  key: TargetKey;
  label: string;
  kind: TargetKind;
  better: 'higher' | 'lower';
  target: number;
  actual: number | null;
  /** null when the figure has no population yet: neither met nor missed. */
  met: boolean | null;
  population: number;
  /** `52.3%`, `3h 12m`. */
  actualText: string;
  /** `≥ 40.0%`, `≤ 10m`. */
  targetText: string;
}

export function formatFigure(kind: TargetKind, value: number | null): string {
  if (kind === 'rate') return percent(value);
  if (kind === 'duration') return humanDuration(value);
  return money(value);
}

/** The feature's targets, checked; only the targets the plan sets. */
export function checkTargets(targets: Targets, f: FeatureFigures): TargetCheck[] {
  const out: TargetCheck[] = [];
  for (const def of TARGETS) {
    const target = targets[def.key];
    if (target === undefined) continue;
    const actual = def.value(f);
    const met = actual === null ? null : def.better === 'higher' ? actual >= target : actual <= target;
    out.push({
      key: def.key,
      label: def.label,
      kind: def.kind,
      better: def.better,
      target,
      actual,
      met,
      population: def.population(f),
      actualText: formatFigure(def.kind, actual),
      targetText: `${def.better === 'higher' ? '≥' : '≤'} ${formatFigure(def.kind, target)}`,
    });
  }
  return out;
}

/** `activation rate 36.2% of 1,659 users misses its target ≥ 40.0%`. */
export function describeMiss(c: TargetCheck): string {
  const verb = c.better === 'higher' ? 'is below' : 'is above';
  return `${c.label} ${c.actualText} (${countOf(c.population, 'user')}) ${verb} its target ${c.targetText.slice(2)}`;
}
