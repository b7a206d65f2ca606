// Runs inside the extension host of a real VS Code (code-server) on a fresh copy of
// test/fixtures/e2e/workspace: what the language server gives the editor through the client (status,
// Features view, hover, code lens, diagnostics, severities from settings, quick-fixes) and the
// client's own commands. The tests run in order: the last ones edit the workspace.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import * as vscode from 'vscode';
import type { ActivationLensApi, TreeItemSnapshot } from '../../../../client/src/api';
import type { CreatePlanResult, StatusParams } from '../../../../server/src/protocol';
import { waitFor } from '../../wait';
import { diagnostics, hoverText } from '../vscode-helpers';

const EXTENSION_ID = 'activation-lens.activation-lens';

let api: ActivationLensApi;
let root: vscode.Uri;
const file = (rel: string) => vscode.Uri.joinPath(root, rel);

/** Opens the file in an editor and returns the position of `needle` (plus `offset` characters). */
async function open(rel: string): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument(file(rel));
  await vscode.window.showTextDocument(doc);
  return doc;
}

function positionOf(doc: vscode.TextDocument, needle: string, offset = 0): vscode.Position {
  const at = doc.getText().indexOf(needle);
  assert.ok(at >= 0, `${needle} is in ${doc.uri.fsPath}`);
  return doc.positionAt(at + offset);
}

/** Language servers this extension host started: its children running dist/server.js. */
function serverPids(): number[] {
  return execFileSync('ps', ['-eo', 'pid=,ppid=,args='], { encoding: 'utf8' })
    .split('\n')
    .map((line) => /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(line))
    .filter((m) => m !== null && Number(m[2]) === process.pid && m[3]!.includes('dist/server.js'))
    .map((m) => Number(m![1]));
}

const READY_TEXT = /^Activation Lens: \d+ features? · \d+ gaps?$/;

const byLabel = (items: TreeItemSnapshot[], label: string): TreeItemSnapshot => {
  const found = items.find((i) => i.label === label);
  assert.ok(found, `${label} is among ${items.map((i) => i.label).join(', ')}`);
  return found;
};

describe('the editor with the language server', () => {
  before(async () => {
    const extension = vscode.extensions.getExtension<ActivationLensApi>(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is installed`);
    api = await extension.activate();
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'a folder is open');
    root = folder.uri;
  });

  it('says in the status bar how many features and gaps the server found', async () => {
    const status = await api.whenReady();
    assert.equal(status.features, 3);
    // One gap: checkout-v2's value event. The misspelt flag is a problem, not a missing milestone.
    assert.equal(status.gaps, 1);
    assert.equal(api.statusBarText(), 'Activation Lens: 3 features · 1 gap');
  });

  it('lists the features in the Features view, with milestones, linked events and entry points', async () => {
    // The view asks the server for the features when the status says ready: it can still be empty.
    const items = await waitFor('the Features view to list the features', async () => {
      const listed = await api.featuresView.items();
      return listed.length > 0 ? listed : undefined;
    });
    assert.deepEqual(
      items.map((i) => i.label),
      ['bulk-export', 'bulk-exprot', 'checkout-v2'],
    );
    const checkout = byLabel(items, 'checkout-v2');
    assert.equal(checkout.description, 'missing value');
    assert.deepEqual(
      checkout.children.map((c) => c.label),
      ['discovery', 'activation', 'value', 'entry points'],
    );
    const discovery = byLabel(checkout.children, 'discovery');
    assert.equal(discovery.description, 'checkout_viewed');
    const viewed = byLabel(discovery.children, 'checkout_viewed');
    assert.equal(viewed.description, 'plan · src/Checkout.tsx:10');
    assert.equal(byLabel(checkout.children, 'value').description, 'missing');
    const entryPoints = byLabel(checkout.children, 'entry points');
    assert.ok(
      entryPoints.children.some(
        (e) => e.label === 'useFeatureIsOn' && e.description === 'growthbook · src/Checkout.tsx:8',
      ),
      JSON.stringify(entryPoints.children),
    );
    assert.equal(byLabel(items, 'bulk-export').description, 'complete');
    // The status bar counts what the view shows.
    const gaps = items.reduce((n, f) => n + f.children.filter((c) => c.description === 'missing').length, 0);
    assert.equal(api.status()?.gaps, gaps);

    // A click on an event opens its tracking call.
    assert.equal(viewed.command?.command, 'vscode.open');
    await vscode.commands.executeCommand(viewed.command.command, ...viewed.command.arguments);
    const editor = await waitFor('Checkout.tsx to open', () =>
      vscode.window.activeTextEditor?.document.uri.path.endsWith('/src/Checkout.tsx')
        ? vscode.window.activeTextEditor
        : undefined,
    );
    assert.equal(editor.selection.start.line, 9);
  });

  it('filters the view to features with gaps, and back', async () => {
    await vscode.commands.executeCommand('activationLens.showGapsOnly');
    try {
      assert.equal(api.featuresView.gapsOnly(), true);
      assert.deepEqual(
        (await api.featuresView.items()).map((i) => i.label),
        ['checkout-v2'],
      );
    } finally {
      // The filter is remembered: leave it off so the next tests see every feature.
      await vscode.commands.executeCommand('activationLens.showAllFeatures');
    }
    assert.equal((await api.featuresView.items()).length, 3);
  });

  it('shows the feature card on hover over a flag key', async () => {
    const doc = await open('src/Checkout.tsx');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      doc.uri,
      positionOf(doc, "useFeatureIsOn('checkout-v2')", "useFeatureIsOn('".length + 2),
    );
    const text = hoverText(hovers);
    assert.match(text, /\*\*Feature `checkout-v2`\*\* · growthbook `useFeatureIsOn`/);
    assert.match(text, /\| ✓ \| discovery \| `checkout_viewed` \| \[src\/Checkout\.tsx:10\]/);
    assert.match(text, /\| ✗ \| value \| — \| \| missing \|/);
  });

  it('puts a code lens with the milestones above the flag check; it reveals the feature', async () => {
    const doc = await open('src/Checkout.tsx');
    const line = positionOf(doc, 'useFeatureIsOn(').line;
    const lenses = await waitFor('code lenses of Checkout.tsx', async () => {
      const found = await vscode.commands.executeCommand<vscode.CodeLens[]>(
        'vscode.executeCodeLensProvider',
        doc.uri,
      );
      return found.length > 0 ? found : undefined;
    });
    const lens = lenses.find((l) => l.range.start.line === line);
    assert.ok(
      lens?.command,
      `a lens on line ${line + 1}: ${JSON.stringify(lenses.map((l) => l.command?.title))}`,
    );
    assert.equal(lens.command.title, 'checkout-v2 · discovery ✓ · activation ✓ · value ✗');
    assert.equal(lens.command.command, 'activationLens.revealFeature');
    await vscode.commands.executeCommand(lens.command.command, ...(lens.command.arguments ?? []));
    await waitFor('checkout-v2 to be selected in the Features view', () =>
      api.featuresView.selection().includes('checkout-v2'),
    );
  });

  it('reports a missing milestone on the flag check, with related locations', async () => {
    const doc = await open('src/Checkout.tsx');
    const [missing] = await waitFor('missing-value on Checkout.tsx', () => {
      const found = diagnostics(doc.uri, 'missing-value');
      return found.length > 0 ? found : undefined;
    });
    assert.equal(missing!.severity, vscode.DiagnosticSeverity.Warning);
    assert.match(missing!.message, /order_completed/);
    assert.ok((missing!.relatedInformation ?? []).length > 0, 'related information');
  });

  it('changes a rule’s severity from the settings', async () => {
    const doc = await open('src/Checkout.tsx');
    const config = () => vscode.workspace.getConfiguration('activationLens', doc.uri);
    const severities = () => diagnostics(doc.uri, 'missing-value').map((d) => d.severity);
    try {
      await config().update('rules.missing-value', 'error', vscode.ConfigurationTarget.Workspace);
      await waitFor('missing-value to become an error', () => {
        const s = severities();
        return s.length > 0 && s.every((x) => x === vscode.DiagnosticSeverity.Error);
      });
      await config().update('rules.missing-value', 'off', vscode.ConfigurationTarget.Workspace);
      await waitFor('missing-value to be turned off', () => severities().length === 0);
    } finally {
      await config().update('rules.missing-value', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await waitFor('missing-value to be a warning again', () => {
      const s = severities();
      return s.length > 0 && s.every((x) => x === vscode.DiagnosticSeverity.Warning);
    });
  });

  it('fixes a misspelt flag key with the did-you-mean quick-fix', async () => {
    const doc = await open('src/ExportMenu.tsx');
    const [typo] = await waitFor('unknown-flag on ExportMenu.tsx', () => {
      const found = diagnostics(doc.uri, 'unknown-flag');
      return found.length > 0 ? found : undefined;
    });
    assert.match(typo!.message, /bulk-export/);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      doc.uri,
      typo!.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const fix = actions.find((a) => a.edit && /bulk-export/.test(a.title));
    assert.ok(fix?.edit, `a rename action among: ${actions.map((a) => a.title).join(' | ')}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.match(doc.getText(), /useFeatureIsOn\('bulk-export'\)/);
    await waitFor('unknown-flag to go away', () => diagnostics(doc.uri, 'unknown-flag').length === 0);
    await waitFor('the misspelt feature to leave the Features view', async () =>
      (await api.featuresView.items()).every((i) => i.label !== 'bulk-exprot'),
    );
    await doc.save();
  });

  it('inserts the missing value event with its quick-fix, and the diagnostic goes', async () => {
    const doc = await open('src/Checkout.tsx');
    const [missing] = await waitFor('missing-value on the flag check', () => {
      const line = positionOf(doc, 'useFeatureIsOn(').line;
      const found = diagnostics(doc.uri, 'missing-value').filter((d) => d.range.start.line === line);
      return found.length > 0 ? found : undefined;
    });
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      doc.uri,
      missing!.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const insert = actions.find((a) => a.edit && /value/i.test(a.title) && /checkout-v2/.test(a.title));
    assert.ok(insert?.edit, `an insert action among: ${actions.map((a) => a.title).join(' | ')}`);
    assert.ok(await vscode.workspace.applyEdit(insert.edit));
    if (insert.command)
      await vscode.commands.executeCommand(insert.command.command, ...(insert.command.arguments ?? []));
    assert.match(doc.getText(), /analytics\.track\('order_completed'\)/);
    await waitFor('missing-value to go away', () => diagnostics(doc.uri, 'missing-value').length === 0);
    await doc.save();
    const checkout = byLabel(await api.featuresView.items(), 'checkout-v2');
    assert.equal(checkout.description, 'complete');
  });

  it('re-scans the workspace on command and answers with the new status', async () => {
    const status = await vscode.commands.executeCommand<StatusParams>('activationLens.rescan');
    assert.equal(status.state, 'ready');
    assert.equal(status.features, 2);
    assert.equal(status.gaps, 0);
  });

  it('restarts the language server on command', async () => {
    await vscode.commands.executeCommand('activationLens.restartServer');
    const status = await vscode.commands.executeCommand<StatusParams>('activationLens.rescan');
    assert.equal(status.features, 2);
    await waitFor('the status bar to show the restarted server’s count', () =>
      api.statusBarText() === 'Activation Lens: 2 features · 0 gaps' ? true : undefined,
    );
  });

  it('restarts the language server when it crashes, and stops after too many crashes', async function () {
    this.timeout(180_000);
    const killed = new Set<number>();
    const running = () => serverPids().filter((pid) => !killed.has(pid));
    for (let crash = 1; crash <= 5; crash++) {
      const [pid] = await waitFor('a language server process', () => {
        const found = running();
        return found.length > 0 ? found : undefined;
      });
      await waitFor('the server to be ready', () => READY_TEXT.test(api.statusBarText()));
      process.kill(pid!, 'SIGKILL');
      killed.add(pid!);
      if (crash < 5) {
        // On a timeout, say what the client showed and what this host runs: a flake seen once in CI
        // (no new server within 60 s) could not be reproduced here.
        await waitFor(`a new server after crash ${crash}`, () => running().length > 0, {
          timeoutMs: 60_000,
        }).catch((error: unknown) => {
          const children = execFileSync('ps', ['-o', 'pid=,args=', '--ppid', String(process.pid)], {
            encoding: 'utf8',
          });
          throw new Error(
            `${String(error)}; status bar: ${api.statusBarText()}; killed: ${[...killed].join(', ')}; children:\n${children}`,
          );
        });
        await waitFor(`the restarted server to be ready`, () => READY_TEXT.test(api.statusBarText()), {
          timeoutMs: 60_000,
        });
      }
    }
    await waitFor(
      'the status bar to say the server failed',
      () => api.statusBarText() === 'Activation Lens: failed',
    );
    assert.deepEqual(running(), [], 'no server was started again');
    await vscode.commands.executeCommand('activationLens.restartServer');
    await waitFor('the server to be back', () => READY_TEXT.test(api.statusBarText()), { timeoutMs: 60_000 });
  });

  it('opens the plan file; updates it from the code only when asked to, keeping its comments; drafts one', async () => {
    await vscode.commands.executeCommand('activationLens.openPlan');
    await waitFor('the plan to open', () =>
      vscode.window.activeTextEditor?.document.uri.path.endsWith('/activation-lens.yaml'),
    );
    const left = await vscode.commands.executeCommand<CreatePlanResult>(
      'activationLens.createPlan',
      root,
      {},
    );
    assert.equal(left.status, 'exists');
    const written = await vscode.commands.executeCommand<CreatePlanResult>(
      'activationLens.createPlan',
      root,
      {
        force: true,
      },
    );
    assert.equal(written.status, 'written');
    assert.equal(written.status === 'written' && written.created, false);
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(file('activation-lens.yaml')));
    assert.match(text, /^# Plan of the editor tests' workspace/);
    assert.match(text, /value: \[order_completed\]/);

    // Without a plan, one is drafted from the code.
    await vscode.workspace.fs.delete(file('activation-lens.yaml'));
    const drafted = await vscode.commands.executeCommand<CreatePlanResult>(
      'activationLens.createPlan',
      root,
      {},
    );
    assert.equal(drafted.status === 'written' && drafted.created, true);
    const draft = new TextDecoder().decode(await vscode.workspace.fs.readFile(file('activation-lens.yaml')));
    assert.match(draft, /checkout-v2:\n {4}flag: checkout-v2\n {4}discovery: \[checkout_viewed\]/);
    assert.match(draft, /bulk-export:\n {4}flag: bulk-export\n/);
  });
});
