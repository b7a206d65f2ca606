// Runs inside the extension host of a real VS Code (code-server) with Workspace Trust on, on a
// fresh, untrusted copy of test/fixtures/e2e/sources (Restricted Mode): the extension still
// analyses the code and computes KPIs from local event files with the embedded DuckDB (no network:
// its extensions are never fetched), but no remote KPI source is queried, whatever the plan says.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { KpiStatusParams, TestSourceResult } from '../../../../server/src/protocol';
import { startListener } from '../../../helpers/listener';
import { waitFor } from '../../wait';

const EXTENSION_ID = 'activation-lens.activation-lens';

describe('an untrusted workspace (Restricted Mode)', () => {
  it('is untrusted, and the extension runs in it with limited support', async () => {
    assert.equal(vscode.workspace.isTrusted, false);
    const extension = vscode.extensions.getExtension<{
      whenReady(): Promise<unknown>;
      featuresView: { items(): Promise<{ label: string }[]> };
    }>(EXTENSION_ID);
    assert.ok(extension);
    await waitFor('the extension to activate', () => extension.isActive);
    await extension.exports.whenReady();
    // The view refreshes after the ready status: wait for it rather than read it at once.
    await waitFor('the Features view to list checkout-v2', async () =>
      (await extension.exports.featuresView.items()).some((i) => i.label === 'checkout-v2'),
    );
  });

  it('queries no remote source: the plan’s host receives nothing', async () => {
    const trap = await startListener();
    const url = trap.url;
    try {
      const root = vscode.workspace.workspaceFolders![0]!.uri.fsPath;
      for (const kpis of [
        `source: clickhouse\n  clickhouse: { url: '${url}' }`,
        `source: posthog\n  posthog: { host: '${url}', projectId: 1 }`,
      ]) {
        fs.writeFileSync(
          path.join(root, 'activation-lens.yaml'),
          `features:\n  checkout-v2: {}\nkpis:\n  ${kpis}\n`,
        );
        const r = await vscode.commands.executeCommand<TestSourceResult>(
          'activationLens.testSourceConnection',
        );
        assert.equal(r.ok, false);
        assert.match(r.message, /not queried in an untrusted workspace/);
      }
      assert.deepEqual(trap.seen, []);
    } finally {
      await trap.close();
    }
  });

  it('computes live KPIs from local files, and a plan cannot turn a remote source on', async () => {
    const api = vscode.extensions.getExtension<{
      kpis: { when(accept: (s: KpiStatusParams) => boolean): Promise<KpiStatusParams> };
    }>(EXTENSION_ID)!.exports;
    const root = vscode.workspace.workspaceFolders![0]!.uri.fsPath;
    const plan = path.join(root, 'activation-lens.yaml');
    fs.mkdirSync(path.join(root, 'events'), { recursive: true });
    const ev = (u: string, event: string, minute: number) =>
      JSON.stringify({
        event,
        userId: u,
        timestamp: new Date(Date.UTC(2026, 10, 1, 10, minute)).toISOString(),
      });
    fs.writeFileSync(
      path.join(root, 'events', 'e.ndjson'),
      [ev('u1', 'checkout_viewed', 0), ev('u1', 'checkout_started', 5), ev('u2', 'checkout_viewed', 1)].join(
        '\n',
      ),
    );
    fs.writeFileSync(
      plan,
      'features:\n  checkout-v2:\n    discovery: [checkout_viewed]\n    activation: [checkout_started]\n    value: []\nkpis:\n  source: duckdb\n  events: events/*.ndjson\n',
    );
    const local = await api.kpis.when(
      (s) => s.state === 'ready' && s.scopes.some((x) => x.source.startsWith('duckdb') && !x.computing),
    );
    assert.equal(local.scopes[0]!.error, undefined);

    const trap = await startListener();
    const url = trap.url;
    try {
      fs.writeFileSync(
        plan,
        `features:\n  checkout-v2:\n    discovery: [checkout_viewed]\n    activation: [checkout_started]\nkpis:\n  source: clickhouse\n  clickhouse: { url: '${url}' }\n`,
      );
      const refused = await api.kpis.when(
        (s) =>
          s.state === 'stale' && s.scopes.some((x) => x.source === 'clickhouse' && x.error !== undefined),
      );
      assert.match(refused.scopes[0]!.error!, /ClickHouse is not queried in an untrusted workspace/);
      assert.deepEqual(trap.seen, []);
    } finally {
      await trap.close();
    }
  });
});
