// The `kpis` table for people: one block per feature, durations humanised, rates as percentages,
// and the counts behind every rate.
import { count, humanDuration, money, percent, windowLength } from '../../core/humanise';
import type { DurationKpi, FeatureKpis, KpiResult } from '../../kpi/result';

export function kpisTable(result: KpiResult, relative: (file: string) => string): string {
  const w = result.windows;
  const out: string[] = [];
  const asOf = result.asOf.replace('T', ' ').replace(/:\d\d(\.\d+)?Z$/, ' UTC');
  out.push(`KPIs as of ${asOf} · source ${result.source} · ${count(result.events)} events`);
  const notes: string[] = [];
  if (result.duplicates) notes.push(`${count(result.duplicates)} duplicates counted once`);
  if (result.afterAsOf) notes.push(`${count(result.afterAsOf)} after the as-of time ignored`);
  if (result.rejected) notes.push(`${count(result.rejected)} malformed rows skipped`);
  if (notes.length) out.push(notes.join(' · '));
  const keys = Object.keys(result.features);
  if (!keys.length) out.push('', 'No features: declare them under `features:` in activation-lens.yaml.');
  for (const key of keys) {
    const f = result.features[key]!;
    out.push('', `${key}${discoveryNote(f)}`);
    const rows: [string, string][] = [
      [
        'Funnel',
        `${count(f.discovered)} discovered → ${count(f.activated)} activated → ${count(f.valued)} valued`,
      ],
      ['Activation rate', rate(f.activationRate, f.activationConverted, f.activationMature, w.activation)],
      ['ITTV', duration(f.ittv, w.ittv)],
      ['STTV', duration(f.sttv, w.sttv)],
      ['TTBV', `${duration(f.ttbv, w.ttbv)}, new users`],
      ['Adoption rate', rate(f.adoptionRate, f.adoptionConverted, f.adoptionMature, w.adoption)],
      ['RPTU', rptu(f, w.rptu)],
    ];
    for (const [label, text] of rows) out.push(`  ${label.padEnd(16)} ${text}`);
  }
  if (result.rejected) {
    const kinds = Object.entries(result.rejectedReasons)
      .map(([reason, n]) => `${reason} ×${count(n)}`)
      .join(', ');
    out.push('', `Malformed rows (${count(result.rejected)}): ${kinds}`);
    for (const s of result.rejectedSamples) {
      const at = s.line !== undefined ? `:${s.line}` : s.row !== undefined ? ` row ${s.row}` : '';
      out.push(`  ${relative(s.file)}${at}  ${s.reason}`);
    }
  }
  return `${out.join('\n')}\n`;
}

function discoveryNote(f: FeatureKpis): string {
  if (f.discoveryFrom === 'exposure') return '  (discovery: flag exposure events)';
  if (f.discoveryFrom === 'events+exposure') return '  (discovery: events and flag exposure)';
  if (f.discoveryFrom === 'none') return '  (no discovery event: nothing to measure from)';
  return '';
}

function rate(value: number | null, converted: number, mature: number, window: number): string {
  return `${percent(value).padEnd(7)} ${count(converted)} of ${count(mature)} mature users (${windowLength(window)} window)`;
}

function duration(d: DurationKpi, window: number): string {
  const p = `p50 ${humanDuration(d.p50)} · p90 ${humanDuration(d.p90)}`;
  return `${p.padEnd(26)} reach ${percent(d.reach)} (${count(d.converted)} of ${count(d.n)}, ${windowLength(window)} window)`;
}

function rptu(f: FeatureKpis, horizon: number): string {
  const r = f.rptu;
  if (r.trialUsers === 0) return `—       no trial users old enough (${windowLength(horizon)} horizon)`;
  const lift = r.lift === null ? '—' : `${r.lift >= 0 ? '+' : ''}${money(r.lift)}`;
  return (
    `${money(r.all).padEnd(7)} over ${count(r.trialUsers)} trial users (${windowLength(horizon)}) · ` +
    `activated ${money(r.activated)} (${count(r.activatedTrialUsers)}) vs not ${money(r.notActivated)} ` +
    `(${count(r.notActivatedTrialUsers)}) · lift ${lift}`
  );
}
