// Live KPIs through the real server (dist/server.js over stdio) and its real KPI worker (DuckDB in a
// child process): values from a fixture events file in the hover card and the code lens, events
// appended on disk moving them without a restart, a broken source giving stale values and one error,
// the disk cache shown on the next start, live diagnostics and the dashboard's data.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { CodeLens, Diagnostic, Hover } from 'vscode-languageserver-protocol';
import {
  DashboardRequest,
  type DashboardData,
  FeaturesRequest,
  type FeaturesResult,
  type KpiStatusParams,
  RefreshKpisRequest,
} from '../../server/src/protocol';
import { copyFixture, removeDir } from '../helpers/fixtures';
import { TestClient } from './helpers/lsp-client';
import { BASE, MORE } from './helpers/shop-events';

const AS_OF = '2026-11-30T00:00:00Z';
const settings = () => ({ kpis: { asOf: AS_OF, refreshInterval: 0 } });

function lensTitles(lenses: CodeLens[]): string[] {
  return lenses.map((l) => l.command?.title ?? '');
}

describe('language server: live KPIs', function () {
  this.timeout(60_000);
  let root: string;
  let storage: string;
  let client: TestClient;
  let uri: string;

  async function start(): Promise<void> {
    client = await TestClient.start(root, { settings, initializationOptions: { storagePath: storage } });
    await client.waitReady();
    uri = client.uri(root, 'src/Checkout.tsx');
    await client.open(uri, fs.readFileSync(path.join(root, 'src/Checkout.tsx'), 'utf8'));
  }

  function kpiStatus(predicate: (s: KpiStatusParams) => boolean, what: string, since = 0) {
    return client.waitFor(() => client.kpiStatuses.slice(since).find(predicate), what, 30_000);
  }

  const fresh = (s: KpiStatusParams) =>
    s.state === 'ready' && s.scopes.every((x) => !x.computing && !x.fromCache && x.computedAt);

  async function hover(line: number, character: number): Promise<string> {
    const h: Hover | null = await client.connection.sendRequest('textDocument/hover', {
      textDocument: { uri },
      position: { line, character },
    });
    return h ? (h.contents as { value: string }).value : '';
  }

  async function lenses(): Promise<string[]> {
    return lensTitles(
      await client.connection.sendRequest('textDocument/codeLens', { textDocument: { uri } }),
    );
  }

  beforeEach(() => {
    root = copyFixture('kpis/shop');
    storage = fs.mkdtempSync(path.join(os.tmpdir(), 'activation-lens-storage-'));
    fs.mkdirSync(path.join(root, 'events'));
    fs.writeFileSync(path.join(root, 'events', 'checkout.ndjson'), BASE);
  });

  afterEach(async () => {
    await client?.stop();
    removeDir(root);
    removeDir(storage);
  });

  it('shows KPIs from the events file in the feature card and the code lens', async () => {
    await start();
    await kpiStatus(fresh, 'computed KPIs');
    assert.deepEqual(await lenses(), [
      'checkout-v2 · discovery ✓ · activation ✓ · value ✓ · activation 75% · STTV p50 1h',
    ]);
    const card = await hover(4, 35);
    assert.match(
      card,
      /\*\*KPIs\*\* · as of 2026-11-30 00:00 UTC · `duckdb · events\/\*\.ndjson` · computed just now/,
    );
    assert.match(card, /\| Funnel \| 5 discovered → 4 activated \(80\.0%\) → 1 valued \(25\.0%\) \|/);
    assert.match(card, /\| ✓ \| Activation rate · 7d \| 75\.0% of 4 mature users \| ✓ ≥ 70\.0% \|/);
    assert.match(card, /\| ✗ \| STTV · 14d \| p50 1h · p90 1h · reach 25\.0% of 4 \| ✗ p50 ≤ 30m \|/);
    assert.match(card, /!\[Daily discoveries and activations, last 30 days\]\(data:image\/svg\+xml;base64,/);
    const svg = Buffer.from(/base64,([A-Za-z0-9+/=]+)\)/.exec(card)![1]!, 'base64').toString();
    assert.match(svg, /^<svg [^>]*width="240"/);
    assert.equal((svg.match(/<polyline/g) ?? []).length, 2);
    // The tracking calls' cards: each event's activity.
    const started = await hover(7, 40);
    assert.match(started, /\*\*Event `checkout_started`\*\*/);
    assert.match(
      started,
      /Last 7 days \*\*1\*\* · last 28 days \*\*2\*\* · 2 users in 28 days · last seen 2026-11-25 10:05 UTC/,
    );
    assert.match(
      await hover(8, 40),
      /last 28 days \*\*0\*\* · 0 users in 28 days · last seen 2026-11-01 11:00 UTC/,
    );
  });

  it('moves the numbers when events are appended to the file, without a restart', async () => {
    await start();
    await kpiStatus(fresh, 'computed KPIs');
    const since = client.kpiStatuses.length;
    fs.appendFileSync(path.join(root, 'events', 'checkout.ndjson'), MORE);
    await kpiStatus(fresh, 'KPIs recomputed after the append', since);
    assert.deepEqual(await lenses(), [
      'checkout-v2 · discovery ✓ · activation ✓ · value ✓ · activation 80% · STTV p50 2h',
    ]);
    assert.match(await hover(4, 35), /6 discovered → 5 activated \(83\.3%\) → 2 valued/);
  });

  it('keeps the last values marked stale when the source breaks, reports the error once, and recovers', async () => {
    await start();
    await kpiStatus(fresh, 'computed KPIs');
    // The events file goes away: the source has nothing to read.
    fs.renameSync(path.join(root, 'events', 'checkout.ndjson'), path.join(root, 'checkout.ndjson.bak'));
    const stale = await kpiStatus((s) => s.state === 'stale', 'a stale status');
    assert.match(stale.scopes[0]!.error!, /no event files match events\/\*\.ndjson/);
    // Asked again, the source fails again: still one error in the log, and the server still answers.
    const again: KpiStatusParams = await client.connection.sendRequest(RefreshKpisRequest);
    assert.equal(again.state, 'stale');
    const errors = client.logs.filter((l) => l.type === 1 && l.message.includes('KPIs for'));
    assert.equal(errors.length, 1, errors.map((e) => e.message).join('\n'));
    assert.match(errors[0]!.message, /Showing the last values, marked stale/);
    assert.deepEqual(await lenses(), [
      'checkout-v2 · discovery ✓ · activation ✓ · value ✓ · activation 75% · STTV p50 1h (stale)',
    ]);
    assert.match(await hover(4, 35), /⚠ \*\*Stale\*\*: the last refresh failed/);
    // The events come back: fresh values, no longer stale.
    fs.renameSync(path.join(root, 'checkout.ndjson.bak'), path.join(root, 'events', 'checkout.ndjson'));
    const back: KpiStatusParams = await client.connection.sendRequest(RefreshKpisRequest);
    assert.equal(back.state, 'ready');
    assert.doesNotMatch(await hover(4, 35), /Stale/);
  });

  it('shows the cached values at once on the next start, with their age', async () => {
    await start();
    const first = await kpiStatus(fresh, 'computed KPIs');
    await client.stop();
    // The source is gone on the next start: only the cache can give values.
    fs.rmSync(path.join(root, 'events'), { recursive: true });
    await start();
    const cached = await kpiStatus((s) => s.scopes[0]?.fromCache === true, 'the cached values');
    assert.equal(cached.scopes[0]!.computedAt, first.scopes[0]!.computedAt);
    await kpiStatus((s) => s.state === 'stale', 'the failed refresh');
    assert.match(await hover(4, 35), /computed just now \(cached\)/);
    assert.deepEqual(await lenses(), [
      'checkout-v2 · discovery ✓ · activation ✓ · value ✓ · activation 75% · STTV p50 1h (stale)',
    ]);
    assert.ok(fs.readdirSync(path.join(storage, 'kpis')).some((f) => /^kpis-[0-9a-f]{16}\.json$/.test(f)));
  });

  it('reports a missed target as a live diagnostic, and gives the Features view and dashboard the KPIs', async () => {
    await start();
    await kpiStatus(fresh, 'computed KPIs');
    const live = (rule: string) =>
      (client.diagnostics.get(uri) ?? []).filter((d: Diagnostic) => d.code === rule);
    const below = await client.waitFor(
      () => live('kpi-below-target').length > 0 && live('kpi-below-target'),
      'kpi-below-target',
    );
    assert.equal(below.length, 1);
    assert.match(String(below[0]!.message), /^checkout-v2: STTV p50 1h \(1 user\) is above its target 30m/);
    assert.equal(below[0]!.range.start.line, 4, 'on the flag check');
    // order_completed was last sent on Nov 1, while u6 discovered the feature on Nov 25.
    const dead = live('dead-event');
    assert.deepEqual(
      dead.map((d) => [d.range.start.line, d.message]),
      [
        [
          8,
          'order_completed (value of checkout-v2) had no occurrences in the last 28 days (last seen 2026-11-01), while 1 user discovered checkout-v2.',
        ],
      ],
    );
    const features: FeaturesResult = await client.connection.sendRequest(FeaturesRequest, {});
    const kpis = features.features[0]!.kpis!;
    assert.equal(kpis.headline, 'activation 75% · STTV p50 1h');
    assert.deepEqual(
      kpis.targets.map((t) => [t.label, t.met]),
      [
        ['activation rate', true],
        ['STTV p50', false],
      ],
    );
    const dashboard: DashboardData = await client.connection.sendRequest(DashboardRequest);
    const f = dashboard.scopes[0]!.features[0]!;
    assert.equal(f.key, 'checkout-v2');
    assert.deepEqual([f.kpis.discovered, f.kpis.activated, f.kpis.valued], [5, 4, 1]);
    assert.equal(f.daily.length, 30);
    assert.equal(
      f.sttvHistogram.reduce((n, b) => n + b.users, 0),
      1,
    );
  });
});
