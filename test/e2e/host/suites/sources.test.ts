// Runs inside the extension host of a real VS Code (code-server) on a fresh copy of
// test/fixtures/e2e/sources: the remote KPI sources' commands and trust policy as the editor applies
// them. The language server asks the client for a key with `activationLens/secret` (here through
// "Test KPI Source Connection", as a refresh does); a real clickhouse-server and local listeners
// stand for the hosts. Prompts that need a person (typing a key, answering the trust question) are
// covered by the UI test test/e2e/ui/sources.test.ts.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { TestSourceResult } from '../../../../server/src/protocol';
import { startClickHouse, type TestClickHouse } from '../../../helpers/clickhouse-server';
import { type Listener, startListener } from '../../../helpers/listener';
import { waitFor } from '../../wait';

const EXTENSION_ID = 'activation-lens.activation-lens';

interface Manifest {
  capabilities: { untrustedWorkspaces: { supported: string; restrictedConfigurations: string[] } };
  contributes: { commands: { command: string; title: string }[] };
}

describe('remote KPI sources: keys and trust', () => {
  let root: string;
  let ch: TestClickHouse;
  let trap: Listener;

  const writeKpis = (kpis: string) =>
    fs.writeFileSync(
      path.join(root, 'activation-lens.yaml'),
      `features:\n  checkout-v2:\n    discovery: [checkout_viewed]\n    activation: [checkout_started]\n    value: []\nkpis:\n${kpis}`,
    );
  const testConnection = () =>
    vscode.commands.executeCommand<TestSourceResult>('activationLens.testSourceConnection');

  before(async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension);
    await waitFor('the extension to activate', () => extension.isActive);
    root = vscode.workspace.workspaceFolders![0]!.uri.fsPath;
    [ch, trap] = await Promise.all([startClickHouse(), startListener()]);
  });
  after(async () => {
    await trap?.close();
    await ch?.stop();
  });
  beforeEach(() => {
    trap.seen.length = 0;
  });

  it('declares limited support for untrusted workspaces and contributes the key commands', async () => {
    const manifest = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as Manifest;
    assert.equal(manifest.capabilities.untrustedWorkspaces.supported, 'limited');
    assert.deepEqual(manifest.capabilities.untrustedWorkspaces.restrictedConfigurations.sort(), [
      'activationLens.clickhouse.url',
      'activationLens.posthog.host',
    ]);
    const registered = new Set(await vscode.commands.getCommands(true));
    const titles = new Map(manifest.contributes.commands.map((c) => [c.command, c.title]));
    for (const [command, title] of <[string, string][]>[
      ['activationLens.setPostHogApiKey', 'Set PostHog API Key'],
      ['activationLens.setClickHousePassword', 'Set ClickHouse Password'],
      ['activationLens.testSourceConnection', 'Test KPI Source Connection'],
      ['activationLens.resetSourceTrust', 'Reset KPI Source Permissions for This Workspace'],
      ['activationLens.forgetSourceKeys', 'Forget KPI Source Keys'],
    ]) {
      assert.equal(titles.get(command), title);
      assert.ok(registered.has(command), `${command} is registered`);
    }
  });

  it('keeps the endpoint settings out of a workspace’s reach: VS Code refuses and ignores them there', async () => {
    const config = vscode.workspace.getConfiguration('activationLens');
    for (const key of ['clickhouse.url', 'posthog.host']) {
      await assert.rejects(
        Promise.resolve(config.update(key, trap.url, vscode.ConfigurationTarget.Workspace)),
        (error: unknown) => {
          assert.match(String(error), /User settings|resource scope|application/i, key);
          return true;
        },
      );
    }
    // Written into the workspace's settings file by hand, they are not applied either.
    fs.mkdirSync(path.join(root, '.vscode'), { recursive: true });
    const file = path.join(root, '.vscode', 'settings.json');
    fs.writeFileSync(
      file,
      JSON.stringify({
        'activationLens.clickhouse.url': trap.url,
        'activationLens.posthog.host': trap.url,
        // A window-scoped setting beside them shows when the file has been read.
        'activationLens.kpis.refreshInterval': 123,
      }),
    );
    try {
      await waitFor(
        'the workspace settings file to be read',
        () => vscode.workspace.getConfiguration('activationLens').get('kpis.refreshInterval') === 123,
      );
      for (const key of ['clickhouse.url', 'posthog.host']) {
        const seen = vscode.workspace.getConfiguration('activationLens').inspect<string>(key);
        assert.notEqual(seen?.globalValue, trap.url, key);
        assert.equal(vscode.workspace.getConfiguration('activationLens').get(key), '', key);
      }
    } finally {
      fs.rmSync(file);
    }
  });

  it('has nothing to connect to for the embedded DuckDB source', async () => {
    writeKpis('  source: duckdb\n');
    const r = await testConnection();
    assert.deepEqual(r, {
      ok: true,
      source: 'duckdb',
      message: 'the KPI source is DuckDB over local files: nothing to connect to',
    });
  });

  it('without a stored password, queries the plan’s ClickHouse with no credentials (the server refuses)', async () => {
    writeKpis(`  source: clickhouse\n  clickhouse: { url: '${ch.url}' }\n`);
    const r = await testConnection();
    assert.equal(r.ok, false);
    assert.equal(r.source, 'clickhouse');
    assert.match(
      r.message,
      new RegExp(`ClickHouse at ${ch.url} answered \\d+: .*(password|Authentication)`, 'i'),
    );
    assert.ok(!r.message.includes(ch.password));
  });

  it('with no PostHog key, refuses before any request, saying which command saves one', async () => {
    writeKpis(`  source: posthog\n  posthog: { host: '${trap.url}', projectId: 1 }\n`);
    const r = await testConnection();
    assert.equal(r.ok, false);
    assert.match(
      r.message,
      /no PostHog API key for http:\/\/127\.0\.0\.1:\d+: run "Activation Lens: Set PostHog API Key"/,
    );
    assert.equal(trap.seen.length, 0);
    writeKpis(`  source: posthog\n  posthog: { host: '${trap.url}' }\n`);
    assert.match((await testConnection()).message, /names no PostHog project/);
  });
});
