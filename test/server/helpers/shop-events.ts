// The events of the live KPI fixture test/fixtures/kpis/shop, shared by the DuckDB (file) and the
// remote-source (ClickHouse, PostHog) live KPI tests so that both must show the same numbers.

const DAY = '2026-11-01';

/** One NDJSON event of user `u` at `time` (HH:MM) on `day`. */
export function ev(u: string, event: string, time: string, day = DAY): string {
  return `${JSON.stringify({ event, userId: u, timestamp: `${day}T${time}:00Z`, messageId: `${u}-${event}-${day}-${time}` })}\n`;
}

/**
 * Four users discover checkout-v2 on Nov 1 (mature for every window but TTBV's): u1 activates after
 * 30 min and reaches value 1 h after discovery, u2 activates after 2 h, u4 after a day, u3 never.
 * u6 discovers and activates on Nov 25, too recently for the activation rate's 7-day window.
 * Activation rate 3/4 = 75%; STTV p50 = 1h (u1 alone). order_completed was last sent on Nov 1.
 */
export const BASE = [
  ev('u1', 'checkout_viewed', '10:00'),
  ev('u1', 'checkout_started', '10:30'),
  ev('u1', 'order_completed', '11:00'),
  ev('u2', 'checkout_viewed', '09:00'),
  ev('u2', 'checkout_started', '11:00'),
  ev('u3', 'checkout_viewed', '12:00'),
  ev('u4', 'checkout_viewed', '08:00'),
  ev('u4', 'checkout_started', '08:00', '2026-11-02'),
  ev('u6', 'checkout_viewed', '10:00', '2026-11-25'),
  ev('u6', 'checkout_started', '10:05', '2026-11-25'),
].join('');

/** A fifth user who converts: activation 4/5 = 80%; STTV p50 of 1h and 3h = 2h. */
export const MORE = [
  ev('u5', 'checkout_viewed', '10:00'),
  ev('u5', 'checkout_started', '11:00'),
  ev('u5', 'order_completed', '13:00'),
].join('');
