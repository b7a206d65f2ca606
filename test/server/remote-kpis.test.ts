// Live KPIs from remote sources through the real server (dist/server.js) and its KPI worker: a
// private clickhouse-server (test/helpers/clickhouse-server.ts) and the PostHog stand-in answering
// from it. The test client plays the editor's part of `activationLens/secret` with the real trust
// policy (kpi/trust.ts, as client/src/secrets/trust.ts applies it): the user's settings name the
// endpoint, the key goes back sealed to the server. The same events as the DuckDB live KPI test give
// the same lens, refreshed on the interval; a plan naming another host never gets the key (a local
// listener records every request); with every LSP message traced, no key appears anywhere.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { CodeLens } from 'vscode-languageserver-protocol';
import {
  decideTrust,
  type KpiStatusParams,
  RefreshKpisRequest,
  sealSecret,
  SecretRequest,
  type SecretParams,
  type SecretResult,
  type TrustAnswer,
} from '../../server/src/protocol';
import { loadIntoClickHouse } from '../../server/src/kpi/clickhouse/load';
import { startClickHouse, type TestClickHouse } from '../helpers/clickhouse-server';
import { copyFixture, removeDir } from '../helpers/fixtures';
import { type Listener, startListener } from '../helpers/listener';
import { posthogEventsFrom, startFakePostHog, type FakePostHog } from '../helpers/posthog-fake';
import { TestClient } from './helpers/lsp-client';
import { BASE, MORE } from './helpers/shop-events';

const AS_OF = '2026-11-30T00:00:00Z';
const KEY = 'phx_LiveKeyUnderTest_0c4f7e21b9';
const LENS = 'checkout-v2 · discovery ✓ · activation ✓ · value ✓ · activation 75% · STTV p50 1h';
const LENS_MORE = 'checkout-v2 · discovery ✓ · activation ✓ · value ✓ · activation 80% · STTV p50 2h';

/** The editor's side: what the user saved (key and its endpoint) and answered, with the real policy. */
interface Editor {
  userEndpoint?: Partial<Record<'clickhouse' | 'posthog', string>>;
  keys: Partial<Record<'clickhouse' | 'posthog', string>>;
  /** The user's answer when asked (undefined: dismissed). */
  answer?: TrustAnswer;
  remembered: Record<string, TrustAnswer>;
  asked: string[];
  requests: SecretParams[];
}

function secretHandler(editor: Editor) {
  return (params: SecretParams): SecretResult => {
    editor.requests.push(params);
    const key = editor.keys[params.source];
    const userEndpoint = editor.userEndpoint?.[params.source];
    let decision = decideTrust({
      source: params.source,
      workspaceTrusted: true,
      hasSecret: key !== undefined,
      remembered: editor.remembered,
      ...(params.endpoint ? { planEndpoint: params.endpoint } : {}),
      ...(userEndpoint ? { userEndpoint } : {}),
    });
    if (decision.action === 'ask') {
      editor.asked.push(decision.question);
      if (editor.answer) editor.remembered[decision.origin] = editor.answer;
      decision = decideTrust({
        source: params.source,
        workspaceTrusted: true,
        hasSecret: true,
        remembered: editor.remembered,
        planEndpoint: params.endpoint!,
        ...(userEndpoint ? { userEndpoint } : {}),
      });
      if (decision.action === 'ask') return { status: 'refused', reason: 'the question was not answered' };
    }
    if (decision.action === 'refuse') return { status: 'refused', reason: decision.reason };
    return {
      status: 'granted',
      endpoint: decision.endpoint,
      ...(decision.sendSecret && key ? { sealed: sealSecret(key, params.publicKey) } : {}),
      ...(params.source === 'clickhouse' ? { user: 'default' } : {}),
    };
  };
}

describe('language server: live KPIs from remote sources', function () {
  this.timeout(120_000);
  let ch: TestClickHouse;
  let fake: FakePostHog;
  let trap: Listener;
  let root: string;
  let storage: string;
  let client: TestClient;
  let traced: string[];
  let editor: Editor;
  let uri: string;
  let seq = 0;

  const load = (table: string, ndjson: string) => {
    const file = path.join(storage, `events-${++seq}.ndjson`);
    fs.writeFileSync(file, ndjson);
    return loadIntoClickHouse(
      { url: ch.url, user: ch.user, password: ch.password },
      { files: [file], baseDir: storage, table, userKeys: ['userId'], idKeys: ['messageId'] },
    );
  };

  const writeKpis = (kpis: string) => {
    const plan = path.join(root, 'activation-lens.yaml');
    const text = fs.readFileSync(plan, 'utf8').replace(/\nkpis:[\s\S]*$/, `\nkpis:\n${kpis}`);
    fs.writeFileSync(plan, text);
  };

  async function start(refreshInterval = 0): Promise<void> {
    client = await TestClient.start(root, {
      settings: () => ({ kpis: { asOf: AS_OF, refreshInterval } }),
      initializationOptions: { storagePath: storage },
      requests: { [SecretRequest]: secretHandler(editor) },
      trace: (line) => traced.push(line),
    });
    await client.waitReady();
    uri = client.uri(root, 'src/Checkout.tsx');
    await client.open(uri, fs.readFileSync(path.join(root, 'src/Checkout.tsx'), 'utf8'));
  }

  const status = (predicate: (s: KpiStatusParams) => boolean, what: string, since = 0) =>
    client.waitFor(() => client.kpiStatuses.slice(since).find(predicate), what, 60_000);
  const fresh = (s: KpiStatusParams) =>
    s.state === 'ready' && s.scopes.every((x) => !x.computing && !x.fromCache && x.computedAt);
  const lenses = async () =>
    (
      (await client.connection.sendRequest('textDocument/codeLens', { textDocument: { uri } })) as CodeLens[]
    ).map((l) => l.command?.title ?? '');

  /** Every byte the editor could log: traced messages, window/logMessage, the server's stderr. */
  function assertNoKey(secrets: string[], sent = true) {
    const all = [...traced, ...client.logs.map((l) => l.message), ...client.stderr].join('\n');
    const sealed = traced.some(
      (t) => t.includes(`Sending response '${SecretRequest}`) && t.includes('"sealed"'),
    );
    assert.equal(sealed, sent, sent ? 'the trace saw the key travel (sealed)' : 'no key left the editor');
    for (const secret of secrets) {
      for (const form of [
        secret,
        encodeURIComponent(secret),
        Buffer.from(`default:${secret}`).toString('base64'),
      ])
        assert.ok(!all.includes(form), 'a form of a key was logged');
    }
  }

  before(async () => {
    storage = fs.mkdtempSync(path.join(os.tmpdir(), 'activation-lens-remote-'));
    [ch, trap] = await Promise.all([startClickHouse(), startListener()]);
    await load('shop_events', BASE);
    await posthogEventsFrom(ch, 'ph_live', 'shop_events');
    fake = await startFakePostHog({ clickhouse: ch, database: 'ph_live', apiKey: KEY, projectId: '3' });
  });
  after(async () => {
    await fake?.close();
    await trap?.close();
    await ch?.stop();
    if (storage) removeDir(storage);
  });
  beforeEach(() => {
    root = copyFixture('kpis/shop');
    traced = [];
    trap.seen.length = 0;
    editor = { keys: {}, remembered: {}, asked: [], requests: [] };
  });
  afterEach(async () => {
    await client?.stop();
    removeDir(root);
  });

  it('shows ClickHouse KPIs like DuckDB’s and refreshes them on the interval, the password never logged', async () => {
    await load('shop_live', BASE);
    editor.userEndpoint = { clickhouse: ch.url };
    editor.keys = { clickhouse: ch.password };
    writeKpis(`  source: clickhouse\n  clickhouse: { table: shop_live }\n`);
    await start(1);
    await status(fresh, 'KPIs from ClickHouse');
    assert.deepEqual(await lenses(), [LENS]);
    assert.equal(editor.requests[0]!.source, 'clickhouse');
    assert.equal(editor.requests[0]!.endpoint, undefined, 'the plan names no host');
    // New events in the table: an interval refresh shows them, with no request from the editor.
    await load('shop_live', MORE);
    let since = client.kpiStatuses.length;
    for (;;) {
      await status(fresh, 'an interval refresh', since);
      since = client.kpiStatuses.length;
      if ((await lenses())[0] === LENS_MORE) break;
    }
    assertNoKey([ch.password]);
  });

  it('a plan naming another ClickHouse: the user declines, the host receives nothing, asked once', async () => {
    editor.userEndpoint = { clickhouse: ch.url };
    editor.keys = { clickhouse: ch.password };
    editor.answer = 'deny';
    writeKpis(`  source: clickhouse\n  clickhouse: { url: '${trap.url}', table: shop_events }\n`);
    await start();
    const stale = await status((s) => s.state === 'stale', 'the refused source');
    assert.match(
      stale.scopes[0]!.error!,
      /you declined to send your ClickHouse password to http:\/\/127\.0\.0\.1:\d+/,
    );
    const again: KpiStatusParams = await client.connection.sendRequest(RefreshKpisRequest);
    assert.equal(again.state, 'stale');
    assert.equal(editor.asked.length, 1, 'the answer is remembered');
    assert.match(
      editor.asked[0]!,
      /This workspace's plan sends ClickHouse queries to http:\/\/127\.0\.0\.1:\d+/,
    );
    assert.deepEqual(trap.seen, [], 'no request reached the plan’s host');
    assertNoKey([ch.password], false);
  });

  it('PostHog KPIs through the user’s host match; a plan naming another host, the question dismissed, gets nothing', async () => {
    // The user's settings name the stand-in: the plan needs no host. Then the plan names the
    // listener: the question is dismissed, nothing reaches the listener.
    editor.userEndpoint = { posthog: fake.url };
    editor.keys = { posthog: KEY };
    writeKpis(`  source: posthog\n  posthog: { projectId: 3 }\n`);
    await start();
    await status(fresh, 'KPIs from PostHog');
    assert.deepEqual(await lenses(), [LENS]);
    assert.ok(fake.queries.length > 0);
    writeKpis(`  source: posthog\n  posthog: { host: '${trap.url}', projectId: 3 }\n`);
    await client.filesChanged([{ uri: client.uri(root, 'activation-lens.yaml'), type: 2 }]);
    await status((s) => s.state === 'stale', 'the refused plan host');
    assert.equal(editor.asked.length, 1);
    assert.deepEqual(trap.seen, []);
    assertNoKey([KEY]);
  });
});
