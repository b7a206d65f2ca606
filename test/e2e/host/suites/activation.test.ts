// Runs inside the extension host of a real VS Code (code-server), on test/fixtures/e2e/workspace,
// against the extension installed from the built .vsix.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { waitFor } from '../../wait';

const EXTENSION_ID = 'activation-lens.activation-lens';

interface Manifest {
  version: string;
  main: string;
  contributes: { commands: { command: string }[] };
}

describe('activation', () => {
  let extension: vscode.Extension<unknown>;

  before(() => {
    const found = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(found, `${EXTENSION_ID} is installed`);
    extension = found;
  });

  it('activates by itself on a workspace with an activation-lens.yaml', async () => {
    await waitFor('the extension to activate', () => extension.isActive);
  });

  it('runs the packaged extension: bundles only, no sources', () => {
    const manifest = extension.packageJSON as Manifest;
    assert.ok(fs.existsSync(path.join(extension.extensionPath, manifest.main)), 'the bundled client exists');
    assert.equal(fs.existsSync(path.join(extension.extensionPath, 'client')), false, 'no client sources');
  });

  it('registers every command it contributes', async () => {
    const registered = new Set(await vscode.commands.getCommands(true));
    const contributed = (extension.packageJSON as Manifest).contributes.commands.map((c) => c.command);
    assert.ok(contributed.includes('activationLens.showOutput'));
    assert.deepEqual(
      contributed.filter((command) => !registered.has(command)),
      [],
      'contributed commands without a handler',
    );
  });

  it('shows its output channel, which says what it activated for', async () => {
    await vscode.commands.executeCommand('activationLens.showOutput');
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    assert.ok(folder, 'a folder is open');
    const { version } = extension.packageJSON as Manifest;
    const log = await waitFor('the Activation Lens output channel', () =>
      vscode.workspace.textDocuments.find(
        (doc) =>
          doc.uri.scheme === 'output' && doc.getText().includes(`Activation Lens ${version} activated`),
      ),
    );
    assert.ok(log.getText().includes(`activated for ${folder}`), log.getText());
  });
});
