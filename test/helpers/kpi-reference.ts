// A plain TypeScript reading of DESIGN §4, written for obviousness rather than speed: parse every
// NDJSON line, validate it, de-duplicate by id, then compute each KPI user by user straight from
// the definitions. The property test holds the DuckDB engine to it; the KPI benchmark uses it as
// the "plain Node streaming pass".
import type { KpiSettings } from '../../server/src/core/plan/model';
import type { KpiFeature } from '../../server/src/kpi/model';
import type { DurationKpi, FeatureKpis, RptuKpi } from '../../server/src/kpi/result';

export interface RefEvent {
  user: string;
  event: string;
  ts: number;
  id: string | null;
  revenue: number | null;
  flag: string | null;
}

export type RefRow = { ok: true; event: RefEvent } | { ok: false; reason: string } | { ok: 'blank' };

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(Z|[+-]\d{2}(?::?\d{2})?)?)?$/;
const MAX_MS = 8.64e15;

function isoToMs(text: string): number | null {
  const m = ISO.exec(text);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const [h, mi, s] = [m[4] ?? '0', m[5] ?? '0', m[6] ?? '0'];
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth) return null;
  if (Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return null;
  const ms = Number(((m[7] ?? '') + '000').slice(0, 3));
  let offset = 0;
  const zone = m[8];
  if (zone && zone !== 'Z') {
    const digits = zone.slice(1).replace(':', '');
    offset = (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || '0')) * 60_000;
    if (zone[0] === '-') offset = -offset;
  }
  const utc = new Date(0);
  utc.setUTCFullYear(year, month - 1, day);
  utc.setUTCHours(Number(h), Number(mi), Number(s), ms);
  return utc.getTime() - offset;
}

function timestampMs(value: unknown): number | null {
  if (typeof value === 'number')
    return Number.isFinite(value) && Math.abs(value) <= MAX_MS ? Math.floor(value) : null;
  if (typeof value !== 'string') return null;
  if (/^-?\d{1,16}$/.test(value)) {
    const n = Number(value);
    return Math.abs(n) <= MAX_MS ? n : null;
  }
  return isoToMs(value);
}

function numberValue(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value)) return Number(value);
  return null;
}

function firstString(o: Record<string, unknown>, keys: string[]): string | null {
  for (const k of keys) {
    const v = o[k];
    if (typeof v === 'string' && v !== '') return v;
  }
  return null;
}

export function parseLine(line: string, settings: KpiSettings): RefRow {
  if (/^[ \t\r\n\v\f]*$/.test(line)) return { ok: 'blank' };
  let o: unknown;
  try {
    o = JSON.parse(line);
  } catch {
    return { ok: false, reason: 'invalid JSON' };
  }
  if (typeof o !== 'object' || o === null || Array.isArray(o))
    return { ok: false, reason: 'not a JSON object' };
  const r = o as Record<string, unknown>;
  if (r.event === undefined || r.event === null) return { ok: false, reason: 'missing event' };
  if (typeof r.event !== 'string') return { ok: false, reason: 'event is not a string' };
  const user = firstString(r, settings.userKeys);
  if (user === null) return { ok: false, reason: 'missing user' };
  if (r.timestamp === undefined || r.timestamp === null) return { ok: false, reason: 'missing timestamp' };
  const ts = timestampMs(r.timestamp);
  if (ts === null) return { ok: false, reason: 'unparseable timestamp' };
  const props =
    typeof r.properties === 'object' && r.properties !== null && !Array.isArray(r.properties)
      ? (r.properties as Record<string, unknown>)
      : {};
  const flagValue = props[settings.exposureFlagProperty];
  return {
    ok: true,
    event: {
      user,
      event: r.event,
      ts,
      id: firstString(r, settings.idKeys),
      revenue: numberValue(props[settings.revenueProperty]),
      flag: typeof flagValue === 'string' ? flagValue : null,
    },
  };
}

function utf8Compare(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

function nullsFirst<T>(a: T | null, b: T | null, cmp: (x: T, y: T) => number): number {
  if (a === null) return b === null ? 0 : -1;
  if (b === null) return 1;
  return cmp(a, b);
}

/** The kept copy of a duplicated id: earliest, then smallest by content. */
function compareEvents(a: RefEvent, b: RefEvent): number {
  return (
    a.ts - b.ts ||
    utf8Compare(a.event, b.event) ||
    utf8Compare(a.user, b.user) ||
    nullsFirst(a.revenue, b.revenue, (x, y) => x - y) ||
    nullsFirst(a.flag, b.flag, utf8Compare)
  );
}

export interface RefInput {
  events: RefEvent[];
  rejected: number;
  rejectedReasons: Record<string, number>;
  duplicates: number;
  afterAsOf: number;
}

export function readNdjson(text: string, settings: KpiSettings, nowMs: number): RefInput {
  const valid: RefEvent[] = [];
  const rejectedReasons: Record<string, number> = {};
  let rejected = 0;
  for (const line of text.split('\n')) {
    const row = parseLine(line, settings);
    if (row.ok === 'blank') continue;
    if (row.ok) valid.push(row.event);
    else {
      rejected++;
      rejectedReasons[row.reason] = (rejectedReasons[row.reason] ?? 0) + 1;
    }
  }
  return { ...dedupe(valid, nowMs), rejected, rejectedReasons };
}

export function dedupe(valid: RefEvent[], nowMs: number) {
  const byId = new Map<string, RefEvent>();
  const kept: RefEvent[] = [];
  for (const e of valid) {
    if (e.id === null) kept.push(e);
    else {
      const seen = byId.get(e.id);
      if (!seen || compareEvents(e, seen) < 0) byId.set(e.id, e);
    }
  }
  for (const e of byId.values()) kept.push(e);
  const events = kept.filter((e) => e.ts <= nowMs);
  return { events, duplicates: valid.length - kept.length, afterAsOf: kept.length - events.length };
}

/** Percentile by linear interpolation between closest ranks (type 7). */
export function percentile(sorted: number[], p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

function durationKpi(n: number, seconds: number[]): DurationKpi {
  const sorted = [...seconds].sort((a, b) => a - b);
  return {
    p50: sorted.length ? percentile(sorted, 0.5) : null,
    p90: sorted.length ? percentile(sorted, 0.9) : null,
    reach: n ? sorted.length / n : null,
    n,
    converted: sorted.length,
  };
}

const minOf = (values: number[]) => (values.length ? Math.min(...values) : null);

export function referenceKpis(
  events: RefEvent[],
  features: KpiFeature[],
  settings: KpiSettings,
  nowMs: number,
): Record<string, FeatureKpis> {
  const W = Object.fromEntries(
    Object.entries(settings.windows).map(([k, v]) => [k, Math.round(v * 1000)]),
  ) as Record<keyof KpiSettings['windows'], number>;
  const byUser = new Map<string, RefEvent[]>();
  for (const e of events) {
    const list = byUser.get(e.user);
    if (list) list.push(e);
    else byUser.set(e.user, [e]);
  }
  const users = [...byUser.entries()].map(([user, evs]) => ({ user, evs }));

  // Trial users and their revenue over the horizon (the same for every feature).
  const trials: { user: string; tT: number; revenue: number }[] = [];
  for (const { user, evs } of users) {
    const tT = minOf(evs.filter((e) => e.event === settings.trialStartEvent).map((e) => e.ts));
    if (tT === null || tT > nowMs - W.rptu) continue;
    let revenue = 0;
    for (const e of evs) if (e.ts >= tT && e.ts <= tT + W.rptu && e.revenue !== null) revenue += e.revenue;
    trials.push({ user, tT, revenue });
  }

  const out: Record<string, FeatureKpis> = {};
  for (const f of features) {
    const D = new Set(f.discovery);
    const A = new Set(f.activation);
    const V = new Set(f.value);
    const flags = new Set(f.exposureFlags);
    const isD = (e: RefEvent) =>
      D.has(e.event) || (e.event === settings.exposureEvent && e.flag !== null && flags.has(e.flag));
    let discovered = 0;
    let activated = 0;
    let valued = 0;
    let actN = 0;
    let actC = 0;
    let adN = 0;
    let adC = 0;
    let ttbvN = 0;
    const ittv: number[] = [];
    const sttv: number[] = [];
    const ttbv: number[] = [];
    let ittvN = 0;
    let sttvN = 0;
    const tAOf = new Map<string, number>();
    for (const { user, evs } of users) {
      const t0 = Math.min(...evs.map((e) => e.ts));
      const tD = minOf(evs.filter(isD).map((e) => e.ts));
      const tA = tD === null ? null : minOf(evs.filter((e) => A.has(e.event) && e.ts >= tD).map((e) => e.ts));
      const tV = tA === null ? null : minOf(evs.filter((e) => V.has(e.event) && e.ts >= tA).map((e) => e.ts));
      const isNew = t0 >= nowMs - W.analysis && t0 <= nowMs - W.ttbv;
      if (isNew) {
        ttbvN++;
        if (tV !== null && tV - t0 <= W.ttbv) ttbv.push((tV - t0) / 1000);
      }
      if (tD === null) continue;
      discovered++;
      if (tA !== null) {
        activated++;
        tAOf.set(user, tA);
      }
      if (tV !== null) valued++;
      if (tD <= nowMs - W.activation) {
        actN++;
        if (tA !== null && tA - tD <= W.activation) actC++;
      }
      if (tD <= nowMs - W.ittv) {
        ittvN++;
        if (tA !== null && tA - tD <= W.ittv) ittv.push((tA - tD) / 1000);
      }
      if (tD <= nowMs - W.sttv) {
        sttvN++;
        if (tV !== null && tV - tD <= W.sttv) sttv.push((tV - tD) / 1000);
      }
      if (tA !== null && tA <= nowMs - W.adoption) {
        adN++;
        const days = new Set(
          evs
            .filter((e) => (A.has(e.event) || V.has(e.event)) && e.ts >= tA && e.ts <= tA + W.adoption)
            .map((e) => Math.floor(e.ts / 86_400_000)),
        );
        if (days.size >= 2) adC++;
      }
    }
    const act = trials.filter((t) => (tAOf.get(t.user) ?? Infinity) <= t.tT + W.rptu);
    const not = trials.filter((t) => !((tAOf.get(t.user) ?? Infinity) <= t.tT + W.rptu));
    const avg = (list: typeof trials) =>
      list.length ? list.reduce((s, t) => s + t.revenue, 0) / list.length : null;
    const rptu: RptuKpi = {
      all: avg(trials),
      trialUsers: trials.length,
      activated: avg(act),
      notActivated: avg(not),
      lift: null,
      activatedTrialUsers: act.length,
      notActivatedTrialUsers: not.length,
    };
    if (rptu.activated !== null && rptu.notActivated !== null) rptu.lift = rptu.activated - rptu.notActivated;
    out[f.key] = {
      discovered,
      activated,
      valued,
      activationRate: actN ? actC / actN : null,
      activationMature: actN,
      activationConverted: actC,
      ittv: durationKpi(ittvN, ittv),
      sttv: durationKpi(sttvN, sttv),
      ttbv: durationKpi(ttbvN, ttbv),
      adoptionRate: adN ? adC / adN : null,
      adoptionMature: adN,
      adoptionConverted: adC,
      rptu,
      discoveryFrom:
        f.discovery.length && f.exposureFlags.length
          ? 'events+exposure'
          : f.discovery.length
            ? 'events'
            : f.exposureFlags.length
              ? 'exposure'
              : 'none',
    };
  }
  return out;
}
