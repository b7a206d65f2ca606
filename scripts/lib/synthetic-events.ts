// Deterministic synthetic product events for the demo and the KPI benchmark: users sign up, some
// discover each feature, some of those activate and reach value after realistic delays, some use it
// again on later days, some start a trial and pay (or get refunded). Lines are NDJSON in Segment
// or PostHog shape, with a few duplicates and malformed rows, as real exports have.

export interface SyntheticFeature {
  key: string;
  flags: string[];
  discovery: string[];
  activation: string[];
  value: string[];
  /** Discovery is logged by the flag SDK as an exposure event. */
  exposure: boolean;
}

export interface SyntheticOptions {
  seed: number;
  users: number;
  /** Target number of lines (funnels first, then background page views fill up to it). */
  events: number;
  startMs: number;
  endMs: number;
  features: SyntheticFeature[];
  trialStartEvent: string;
  revenueProperty: string;
  exposureEvent: string;
  exposureFlagProperty: string;
  /** Malformed lines mixed in. */
  malformed: number;
  /** Share of events sent twice with the same id. */
  duplicateShare: number;
  /** Scales every feature's discovery probability (fewer events per user). Default 1. */
  discoveryScale?: number;
}

export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const MALFORMED = [
  '{"event": "page_viewed", "userId": "u-broken", "timestamp": ',
  '{"event": "page_viewed", "timestamp": "2026-06-01T10:00:00Z"}',
  '{"event": "page_viewed", "userId": "u-broken", "timestamp": "yesterday"}',
  '["page_viewed", "u-broken"]',
  '{"userId": "u-broken", "timestamp": "2026-06-01T10:00:00Z"}',
  '{"event": 404, "userId": "u-broken", "timestamp": "2026-06-01T10:00:00Z"}',
];

/** Yields NDJSON lines (without newlines). */
export function* syntheticEvents(o: SyntheticOptions): Generator<string> {
  const r = rng(o.seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(r() * list.length)]!;
  const exp = (mean: number) => -Math.log(1 - r()) * mean;
  // Log-normal delays: most users are quick, a long tail takes days.
  const lognormal = (median: number, spread: number) => {
    const z = Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
    return median * Math.exp(spread * z);
  };
  const span = o.endMs - o.startMs;
  // Each feature gets its own appeal, so the KPIs differ between features.
  const appeal = o.features.map(() => ({
    discover: (0.25 + 0.5 * r()) * (o.discoveryScale ?? 1),
    activate: 0.3 + 0.5 * r(),
    value: 0.35 + 0.5 * r(),
    repeat: 0.2 + 0.6 * r(),
    activationMedian: (2 + 60 * r()) * MINUTE,
    valueMedian: (10 + 300 * r()) * MINUTE,
  }));
  let emitted = 0;
  let nextId = 0;
  const malformedEvery = o.malformed > 0 ? Math.max(1, Math.floor(o.events / (o.malformed + 1))) : Infinity;
  let malformedLeft = o.malformed;

  function* line(user: UserIdentity, event: string, ts: number, properties?: Record<string, unknown>) {
    if (ts > o.endMs) return;
    const id = `${o.seed.toString(36)}-${(nextId++).toString(36)}`;
    const row: Record<string, unknown> = { event };
    row[user.key] = user.id;
    row.timestamp = user.epochMs ? ts : new Date(ts).toISOString();
    row[user.idKey] = id;
    if (properties) row.properties = properties;
    const text = JSON.stringify(row);
    yield text;
    emitted++;
    if (r() < o.duplicateShare) {
      yield text;
      emitted++;
    }
    if (malformedLeft > 0 && emitted >= malformedEvery * (o.malformed - malformedLeft + 1)) {
      yield MALFORMED[(o.malformed - malformedLeft) % MALFORMED.length]!;
      malformedLeft--;
    }
  }

  for (let u = 0; u < o.users; u++) {
    const user = identity(u, r);
    const t0 = o.startMs + r() * span * 0.97;
    const batch: [number, string, Record<string, unknown> | undefined][] = [];
    const add = (ts: number, event: string, props?: Record<string, unknown>) =>
      batch.push([ts, event, props]);
    add(t0, 'page_viewed', { path: '/' });
    let activatedFeatures = 0;
    o.features.forEach((f, i) => {
      const a = appeal[i]!;
      if (r() >= a.discover) return;
      const tD = t0 + exp(5 * DAY);
      if (f.exposure) {
        for (let k = 1 + Math.floor(r() * 3); k > 0; k--) {
          add(tD + (k - 1) * exp(DAY), o.exposureEvent, { [o.exposureFlagProperty]: pick(f.flags) });
        }
      }
      if (f.discovery.length) add(tD, pick(f.discovery));
      // A few activations are sent before discovery (a misplaced discovery event): they do not count.
      if (f.activation.length && r() < 0.03) add(tD - exp(HOUR), pick(f.activation));
      if (!f.activation.length || r() >= a.activate) return;
      const tA = tD + lognormal(a.activationMedian, 1.6);
      add(tA, pick(f.activation), { feature: f.key });
      activatedFeatures++;
      if (f.value.length && r() < a.value)
        add(tA + lognormal(a.valueMedian, 1.4), pick(f.value), { feature: f.key });
      if (r() < a.repeat) {
        let ts = tA;
        for (let k = 1 + Math.floor(r() * 4); k > 0; k--) {
          ts += exp(4 * DAY);
          add(ts, pick([...f.activation, ...f.value]));
        }
      }
    });
    if (r() < 0.35) {
      const tT = t0 + exp(3 * DAY);
      add(tT, o.trialStartEvent, { plan: pick(['starter', 'pro', 'team']) });
      const payments = r() < 0.2 + 0.12 * Math.min(activatedFeatures, 4) ? 1 + Math.floor(r() * 3) : 0;
      let ts = tT;
      for (let k = 0; k < payments; k++) {
        ts += exp(20 * DAY);
        const amount = pick([9.99, 29, 49, 99, 199]);
        add(ts, 'payment_succeeded', { [o.revenueProperty]: amount, currency: 'USD' });
        if (r() < 0.06) add(ts + exp(3 * DAY), 'payment_refunded', { [o.revenueProperty]: -amount });
      }
    }
    // Background page views fill the user's share of the target.
    const share = Math.round(((u + 1) * o.events) / o.users) - emitted - batch.length;
    const lastSeen = Math.min(o.endMs, t0 + exp(60 * DAY));
    for (let k = 0; k < share; k++) add(t0 + r() * (lastSeen - t0), 'page_viewed', { path: pick(PATHS) });
    batch.sort((x, y) => x[0] - y[0]);
    for (const [ts, event, props] of batch) yield* line(user, event, Math.floor(ts), props);
  }
}

const PATHS = ['/', '/pricing', '/products', '/cart', '/settings', '/reports', '/team'];

interface UserIdentity {
  id: string;
  key: string;
  idKey: string;
  epochMs: boolean;
}

/** Most users are identified (Segment `userId`), some anonymous or PostHog-shaped. */
function identity(n: number, r: () => number): UserIdentity {
  const x = r();
  const id = `user-${n.toString(36).padStart(4, '0')}`;
  if (x < 0.75) return { id, key: 'userId', idKey: 'messageId', epochMs: false };
  if (x < 0.9) return { id, key: 'distinct_id', idKey: 'uuid', epochMs: r() < 0.5 };
  return { id: `anon-${n.toString(36)}`, key: 'anonymousId', idKey: 'messageId', epochMs: false };
}
