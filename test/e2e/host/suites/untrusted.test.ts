// Runs inside the extension host of a real VS Code (code-server) with Workspace Trust on, on a
// fresh, untrusted copy of test/fixtures/e2e/sources (Restricted Mode): the extension still
// analyses the code, but no remote KPI source is queried, whatever the plan says.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { TestSourceResult } from '../../../../server/src/protocol';
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
    const labels = (await extension.exports.featuresView.items()).map((i) => i.label);
    assert.ok(labels.includes('checkout-v2'), labels.join(', '));
  });

  it('queries no remote source: the plan’s host receives nothing', async () => {
    const seen: string[] = [];
    const server = http.createServer((req, res) => {
      seen.push(req.url ?? '');
      res.writeHead(500).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
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
      assert.deepEqual(seen, []);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
