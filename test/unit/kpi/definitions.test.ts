// DESIGN §4 rule by rule, on tiny event sets whose KPIs are worked out by hand in the comments.
import { strict as assert } from 'node:assert';
import { DAY_MS, ev, feature, HOUR_MS, kpisOf, NO_TRIALS } from '../../helpers/kpi';

const T = Date.UTC(2026, 0, 1); // a Thursday, 00:00 UTC
const NOW = T + 100 * DAY_MS;
const F = feature('f', ['seen'], ['used'], ['done']);

describe('KPI definitions (DESIGN §4) on DuckDB', () => {
  it('orders milestones: activation before discovery and value before activation do not count', async () => {
    const r = await kpisOf(
      [
        ev('u1', 'used', T), // before discovery: ignored
        ev('u1', 'seen', T + HOUR_MS),
        ev('u2', 'seen', T),
        ev('u2', 'done', T + HOUR_MS), // before activation: ignored
        ev('u2', 'used', T + 2 * HOUR_MS),
        ev('u3', 'used', T), // never discovered
        ev('u3', 'done', T + HOUR_MS),
      ],
      [F],
      { asOf: NOW },
    );
    const f = r.features.f!;
    assert.deepEqual([f.discovered, f.activated, f.valued], [2, 1, 0]);
    // u1 never activates after discovery; u2 activates 2h after: ITTV over {u1, u2} = 1 of 2.
    assert.deepEqual(f.ittv, { p50: 7200, p90: 7200, reach: 0.5, n: 2, converted: 1 });
    assert.deepEqual(f.sttv, { p50: null, p90: null, reach: 0, n: 2, converted: 0 });
  });

  it('counts ties as in order (>=) and an event in two lists for both milestones', async () => {
    const both = feature('both', ['go'], ['go'], ['go']);
    const r = await kpisOf(
      [ev('u1', 'seen', T), ev('u1', 'used', T), ev('u1', 'done', T), ev('u2', 'go', T + HOUR_MS)],
      [F, both],
      { asOf: NOW },
    );
    assert.deepEqual(r.features.f!.ittv, { p50: 0, p90: 0, reach: 1, n: 1, converted: 1 });
    assert.deepEqual(r.features.f!.sttv, { p50: 0, p90: 0, reach: 1, n: 1, converted: 1 });
    assert.deepEqual(
      [r.features.both!.discovered, r.features.both!.activated, r.features.both!.valued],
      [1, 1, 1],
    );
  });

  it('cuts maturity exactly at now − W and windows inclusively (activation rate, 7 days)', async () => {
    const W = 7 * DAY_MS;
    const r = await kpisOf(
      [
        // u1: discovered exactly at now − 7d (mature), activated exactly 7d later (converted).
        ev('u1', 'seen', NOW - W),
        ev('u1', 'used', NOW),
        // u2: discovered 1 ms too late: not mature, not in the denominator.
        ev('u2', 'seen', NOW - W + 1),
        ev('u2', 'used', NOW - W + 2),
        // u3: activated 7d + 1 ms after discovery: mature, not converted.
        ev('u3', 'seen', NOW - 8 * DAY_MS),
        ev('u3', 'used', NOW - DAY_MS + 1),
        // u4: never activates: stays in the denominator.
        ev('u4', 'seen', NOW - 30 * DAY_MS),
      ],
      [F],
      { asOf: NOW },
    );
    const f = r.features.f!;
    assert.equal(f.activationMature, 3);
    assert.equal(f.activationConverted, 1);
    assert.equal(f.activationRate, 1 / 3);
    assert.equal(f.activated, 3);
  });

  it('computes ITTV percentiles by linear interpolation over converted mature users', async () => {
    // Activation 10, 20, 30, 40 minutes after discovery; a fifth user takes 25h (outside 24h).
    const lines = [10, 20, 30, 40].flatMap((m, i) => [
      ev(`u${i}`, 'seen', T),
      ev(`u${i}`, 'used', T + m * 60_000),
    ]);
    lines.push(ev('slow', 'seen', T), ev('slow', 'used', T + 25 * HOUR_MS));
    const r = await kpisOf(lines, [F], { asOf: NOW });
    // Sorted seconds [600, 1200, 1800, 2400]: p50 at rank 1.5 → 1500; p90 at rank 2.7 → 1800 + 0.7·600.
    const ittv = r.features.f!.ittv;
    assert.equal(ittv.p50, 1500);
    assert.ok(Math.abs(ittv.p90! - 2220) < 1e-9);
    assert.deepEqual([ittv.n, ittv.converted, ittv.reach], [5, 4, 0.8]);
  });

  it('ITTV and STTV maturity: users discovered within the last window are left out', async () => {
    const r = await kpisOf(
      [
        ev('old', 'seen', NOW - 15 * DAY_MS),
        ev('old', 'used', NOW - 15 * DAY_MS + HOUR_MS),
        ev('old', 'done', NOW - 14 * DAY_MS + 2 * HOUR_MS), // 1d 2h after discovery
        ev('recent', 'seen', NOW - 2 * DAY_MS), // mature for ITTV (24h), not for STTV (14d)
        ev('fresh', 'seen', NOW - HOUR_MS), // mature for neither
      ],
      [F],
      { asOf: NOW },
    );
    const f = r.features.f!;
    assert.deepEqual(f.ittv, { p50: 3600, p90: 3600, reach: 0.5, n: 2, converted: 1 });
    assert.deepEqual(f.sttv, { p50: 93600, p90: 93600, reach: 1, n: 1, converted: 1 });
  });

  it('TTBV: new users whose first event is in the analysis period and at least W old', async () => {
    const W = 30 * DAY_MS;
    const P = 90 * DAY_MS;
    const r = await kpisOf(
      [
        // a: first event exactly at now − 90d (in the period), value 2h later.
        ev('a', 'page', NOW - P),
        ev('a', 'seen', NOW - P + HOUR_MS),
        ev('a', 'used', NOW - P + HOUR_MS),
        ev('a', 'done', NOW - P + 2 * HOUR_MS),
        // b: first event exactly at now − 30d, no value: in the denominator.
        ev('b', 'page', NOW - W),
        // c: first event 1 ms before the period: not new.
        ev('c', 'seen', NOW - P - 1),
        ev('c', 'used', NOW - P - 1),
        ev('c', 'done', NOW - P),
        // d: first event 1 ms after now − 30d: not mature.
        ev('d', 'page', NOW - W + 1),
        // e: value 30d + 1 ms after its first event: in the denominator, not converted.
        ev('e', 'page', NOW - 80 * DAY_MS),
        ev('e', 'seen', NOW - 50 * DAY_MS),
        ev('e', 'used', NOW - 50 * DAY_MS),
        ev('e', 'done', NOW - 50 * DAY_MS + 1),
      ],
      [F],
      { asOf: NOW },
    );
    assert.deepEqual(r.features.f!.ttbv, { p50: 7200, p90: 7200, reach: 1 / 3, n: 3, converted: 1 });
  });

  it('adoption: A or V events on two distinct UTC days within [tA, tA + 28d]', async () => {
    const W = 28 * DAY_MS;
    const tA = NOW - 40 * DAY_MS; // midnight UTC
    const r = await kpisOf(
      [
        // across midnight: 23:59 and 00:01 are two days.
        ev('midnight', 'seen', tA - 60_000),
        ev('midnight', 'used', tA - 60_000),
        ev('midnight', 'done', tA + 60_000),
        // twice the same day: one day.
        ev('sameday', 'seen', tA),
        ev('sameday', 'used', tA + HOUR_MS),
        ev('sameday', 'used', tA + 5 * HOUR_MS),
        // second day exactly at tA + W: counts.
        ev('edge', 'seen', tA + HOUR_MS),
        ev('edge', 'used', tA + HOUR_MS),
        ev('edge', 'used', tA + HOUR_MS + W),
        // second day 1 ms after tA + W: does not.
        ev('late', 'seen', tA + HOUR_MS),
        ev('late', 'used', tA + HOUR_MS),
        ev('late', 'done', tA + HOUR_MS + W + 1),
        // activated less than 28 days ago: not mature.
        ev('young', 'seen', NOW - 27 * DAY_MS),
        ev('young', 'used', NOW - 27 * DAY_MS),
        ev('young', 'used', NOW - 20 * DAY_MS),
        // activated exactly 28 days ago: mature; discovery events do not count as usage.
        ev('exact', 'seen', NOW - W),
        ev('exact', 'used', NOW - W),
        ev('exact', 'seen', NOW - W + 2 * DAY_MS),
      ],
      [F],
      { asOf: NOW },
    );
    const f = r.features.f!;
    assert.equal(f.adoptionMature, 5);
    assert.equal(f.adoptionConverted, 2); // midnight, edge
    assert.equal(f.adoptionRate, 0.4);
  });

  it('RPTU: refunds, trial users without revenue, activated vs not, horizon and maturity', async () => {
    const H = 60 * DAY_MS;
    const t1 = NOW - 70 * DAY_MS;
    const r = await kpisOf(
      [
        // p1: trial, activates, pays 100 and is refunded 30 within the horizon, pays 500 after it.
        ev('p1', 'trial_started', t1),
        ev('p1', 'seen', t1),
        ev('p1', 'used', t1 + DAY_MS),
        ev('p1', 'paid', t1 + 2 * DAY_MS, { properties: { revenue: 100 } }),
        ev('p1', 'refund', t1 + 3 * DAY_MS, { properties: { revenue: -30 } }),
        ev('p1', 'paid', t1 + H + 1, { properties: { revenue: 500 } }),
        // p2: trial, never pays: counts as zero; revenue before the trial does not count.
        ev('p2', 'paid', t1 - 1, { properties: { revenue: 40 } }),
        ev('p2', 'trial_started', t1),
        // p3: trial exactly at now − 60d, pays "10.5" (text) and activates exactly at the
        //     horizon's end (both count: the horizon is inclusive).
        ev('p3', 'trial_started', NOW - H),
        ev('p3', 'paid', NOW, { properties: { revenue: '10.5' } }),
        ev('p3', 'seen', NOW - H),
        ev('p3', 'used', NOW),
        // p4: second trial start is ignored (first one is too recent): not a trial user.
        ev('p4', 'trial_started', NOW - H + 1),
        ev('p4', 'paid', NOW, { properties: { revenue: 1000 } }),
      ],
      [F, feature('nobody', ['nothing'], ['never'], [])],
      { asOf: NOW },
    );
    // Trial users p1 (70), p2 (0), p3 (10.5): all = 80.5 / 3; activated p1 and p3, not p2.
    assert.deepEqual(r.features.f!.rptu, {
      all: 80.5 / 3,
      trialUsers: 3,
      activated: 80.5 / 2,
      notActivated: 0,
      lift: 80.5 / 2,
      activatedTrialUsers: 2,
      notActivatedTrialUsers: 1,
    });
    assert.deepEqual(r.features.nobody!.rptu, {
      all: 80.5 / 3,
      trialUsers: 3,
      activated: null,
      notActivated: 80.5 / 3,
      lift: null,
      activatedTrialUsers: 0,
      notActivatedTrialUsers: 3,
    });
  });

  it('counts an event id once, keeping the earliest copy', async () => {
    const r = await kpisOf(
      [
        ev('u1', 'seen', T, { id: 'a' }),
        ev('u1', 'seen', T, { id: 'a' }),
        ev('u1', 'used', T + 2 * HOUR_MS, { id: 'b' }),
        ev('u1', 'used', T + HOUR_MS, { id: 'b' }), // same id, earlier: this copy is kept
        ev('u1', 'trial_started', T, { id: 'c' }),
        ev('u1', 'paid', T + DAY_MS, { id: 'd', properties: { revenue: 10 } }),
        ev('u1', 'paid', T + DAY_MS, { id: 'd', properties: { revenue: 10 } }),
      ],
      [F],
      { asOf: NOW },
    );
    assert.equal(r.duplicates, 3);
    assert.equal(r.events, 4);
    assert.equal(r.features.f!.ittv.p50, 3600);
    assert.equal(r.features.f!.rptu.all, 10);
  });

  it('ignores events after asOf', async () => {
    const r = await kpisOf(
      [ev('u1', 'seen', NOW - 10 * DAY_MS), ev('u1', 'used', NOW + 1), ev('u2', 'seen', NOW + 1)],
      [F],
      { asOf: NOW },
    );
    const f = r.features.f!;
    assert.deepEqual([f.discovered, f.activated, f.activationMature, f.activationConverted], [1, 0, 1, 0]);
    assert.equal(r.afterAsOf, 2);
    assert.equal(r.events, 1);
  });

  it('gives null for every figure whose population is empty, and counts of zero', async () => {
    const r = await kpisOf([ev('u1', 'page', NOW - DAY_MS)], [F], { asOf: NOW });
    assert.deepEqual(r.features.f, {
      discovered: 0,
      activated: 0,
      valued: 0,
      activationRate: null,
      activationMature: 0,
      activationConverted: 0,
      ittv: { p50: null, p90: null, reach: null, n: 0, converted: 0 },
      sttv: { p50: null, p90: null, reach: null, n: 0, converted: 0 },
      ttbv: { p50: null, p90: null, reach: null, n: 0, converted: 0 },
      adoptionRate: null,
      adoptionMature: 0,
      adoptionConverted: 0,
      rptu: NO_TRIALS,
      discoveryFrom: 'events',
    });
  });

  it('uses the exposure event of the feature’s own flag as discovery', async () => {
    const exposure = (user: string, flag: string, ts: number) =>
      ev(user, '$feature_flag_called', ts, { properties: { $feature_flag: flag } });
    const r = await kpisOf(
      [
        exposure('u1', 'ai-search', T),
        ev('u1', 'used', T + 60_000),
        exposure('u2', 'other-flag', T),
        ev('u2', 'used', T + 60_000),
      ],
      [feature('ai', [], ['used'], [], ['ai-search'])],
      { asOf: NOW },
    );
    const f = r.features.ai!;
    assert.deepEqual([f.discovered, f.activated, f.discoveryFrom], [1, 1, 'exposure']);
  });

  it('takes windows, trial event and revenue property from the settings', async () => {
    const r = await kpisOf(
      [
        ev('u1', 'seen', NOW - 3 * DAY_MS),
        ev('u1', 'used', NOW - DAY_MS),
        ev('u1', 'subscribed', NOW - 3 * DAY_MS),
        ev('u1', 'paid', NOW - 2 * DAY_MS, { properties: { amount: 9, revenue: 1000 } }),
      ],
      [F],
      {
        asOf: NOW,
        settings: {
          trialStartEvent: 'subscribed',
          revenueProperty: 'amount',
          windows: {
            activation: (2 * DAY_MS) / 1000,
            ittv: DAY_MS / 1000,
            sttv: (14 * DAY_MS) / 1000,
            ttbv: (30 * DAY_MS) / 1000,
            adoption: (28 * DAY_MS) / 1000,
            rptu: (3 * DAY_MS) / 1000,
            analysis: (90 * DAY_MS) / 1000,
          },
        },
      },
    );
    const f = r.features.f!;
    assert.deepEqual([f.activationMature, f.activationConverted], [1, 1]);
    assert.deepEqual([f.rptu.trialUsers, f.rptu.all, f.rptu.activated], [1, 9, 9]);
    assert.equal(r.windows.activation, 2 * 86_400);
  });
});
