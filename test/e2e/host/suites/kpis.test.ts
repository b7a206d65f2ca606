// Runs inside the extension host of a real VS Code (code-server) on a fresh copy of the demo workspace
// (examples/demo-shop with its generated events): live KPIs from the embedded DuckDB source in the
// status bar, the feature card, the code lens, a tracking call's card, the Features view, live
// diagnostics and the dashboard; Refresh KPIs; events appended on disk moving the numbers. The as-of
// time is fixed (a workspace setting) so the numbers are those of `npm run demo:kpis`.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { ActivationLensApi, TreeItemSnapshot } from '../../../../client/src/api';
import type { KpiStatusParams } from '../../../../server/src/protocol';
import { waitFor } from '../../wait';
import { diagnostics, hoverText } from '../vscode-helpers';

const EXTENSION_ID = 'activation-lens.activation-lens';
const AS_OF = '2026-11-30T00:00:00Z';
const CHECKOUT_LENS = 'checkout-v2 · discovery ✓ · activation ✓ · value ✓ · activation 50% · STTV p50 5h 10m';

let api: ActivationLensApi;
let root: vscode.Uri;
const file = (rel: string) => vscode.Uri.joinPath(root, rel);

async function open(rel: string): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument(file(rel));
  await vscode.window.showTextDocument(doc);
  return doc;
}

async function hoverAt(doc: vscode.TextDocument, position: vscode.Position): Promise<string> {
  return hoverText(
    await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, position),
  );
}

async function lenses(doc: vscode.TextDocument): Promise<vscode.CodeLens[]> {
  return vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri);
}

const fresh = (s: KpiStatusParams) =>
  s.state === 'ready' &&
  s.scopes.length > 0 &&
  s.scopes.every((x) => !x.computing && x.asOf?.startsWith('2026-11-30'));

describe('live KPIs in the editor, on the demo workspace', () => {
  before(async () => {
    const extension = vscode.extensions.getExtension<ActivationLensApi>(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is installed`);
    api = await extension.activate();
    root = vscode.workspace.workspaceFolders![0]!.uri;
    await api.whenReady();
    // The demo's events end on Nov 30: compute as of then, as `npm run demo:kpis` does.
    await vscode.workspace
      .getConfiguration('activationLens')
      .update('kpis.asOf', AS_OF, vscode.ConfigurationTarget.Workspace);
    await api.kpis.when(fresh);
  });

  it('shows the KPI source and freshness in the status bar', () => {
    const status = api.kpis.status();
    assert.deepEqual(
      status.scopes.map((s) => [s.planFile, s.source, s.stale]),
      [['activation-lens.yaml', 'duckdb · events/*.ndjson', false]],
    );
    assert.match(api.kpis.statusBarText() ?? '', /^\$\(graph\) KPIs (just now|\dm ago)$/);
  });

  it('adds the KPIs to the code lens above the flag check', async () => {
    const doc = await open('src/checkout/CheckoutPage.tsx');
    const found = await waitFor('the KPI lens of CheckoutPage.tsx', async () => {
      const titles = (await lenses(doc)).map((l) => l.command?.title);
      return titles.includes(CHECKOUT_LENS) ? titles : undefined;
    });
    assert.deepEqual(found, [CHECKOUT_LENS]);
  });

  it('shows the KPIs in the feature card, against the plan’s targets, with a trend sparkline', async () => {
    const doc = await open('src/checkout/CheckoutPage.tsx');
    const [lens] = await lenses(doc);
    const text = await hoverAt(doc, lens!.range.start.translate(0, 2));
    assert.match(text, /\*\*Feature `checkout-v2`\*\*/);
    assert.match(
      text,
      /\*\*KPIs\*\* · as of 2026-11-30 00:00 UTC · `duckdb · events\/\*\.ndjson` · computed/,
    );
    assert.match(text, /\| Funnel \| 1,244 discovered → 625 activated \(50\.2%\) → 447 valued \(71\.5%\) \|/);
    assert.match(text, /\| ✓ \| Activation rate · 7d \| 50\.2% of 1,206 mature users \| ✓ ≥ 40\.0% \|/);
    assert.match(
      text,
      /\| ✗ \| STTV · 14d \| p50 5h 10m · p90 2d 18h · reach 35\.2% of 1,134 \| ✗ p50 ≤ 10m \|/,
    );
    assert.match(
      text,
      /\| RPTU · 60d \| 37\.34 over 527 trial users · activated 53\.14 \(135\) vs not 31\.90 \(392\) · lift \+21\.24/,
    );
    assert.match(text, /!\[Daily discoveries and activations, last 30 days\]\(data:image\/svg\+xml;base64,/);
  });

  it('shows an event’s activity on its tracking call', async () => {
    const doc = await open('src/checkout/CheckoutPage.tsx');
    const at = doc.getText().indexOf('EVENTS.ORDER_COMPLETED');
    const text = await hoverAt(doc, doc.positionAt(at + 8));
    assert.match(text, /\*\*Event `order_completed`\*\*/);
    assert.match(
      text,
      /Last 7 days \*\*\d+\*\* · last 28 days \*\*\d+\*\* · [\d,]+ users in 28 days · last seen 2026-11-2\d/,
    );
  });

  it('lists each feature’s headline KPIs and missed targets in the Features view', async () => {
    const items: TreeItemSnapshot[] = await waitFor('KPIs in the Features view', async () => {
      const all = await api.featuresView.items();
      return all.some((i) => i.description?.includes('activation 50%')) ? all : undefined;
    });
    const checkout = items.find((i) => i.label === 'checkout-v2')!;
    assert.equal(checkout.description, `complete · activation 50% · STTV p50 5h 10m · 1 target missed`);
    const kpis = checkout.children.find((c) => c.label === 'KPIs')!;
    assert.ok(kpis.children.some((c) => c.label === 'target STTV p50' && c.icon === 'error'));
  });

  it('reports the live rules: a missed target, and a milestone event no longer sent', async () => {
    const page = file('src/checkout/CheckoutPage.tsx');
    const below = await waitFor('kpi-below-target on CheckoutPage.tsx', () => {
      const found = diagnostics(page, 'kpi-below-target');
      return found.length ? found : undefined;
    });
    assert.match(below[0]!.message, /^checkout-v2: STTV p50 5h 10m \([\d,]+ users\) is above its target 10m/);
    assert.equal(below[0]!.severity, vscode.DiagnosticSeverity.Information);
    // Users keep discovering team-invites (exposures), but nobody sends TeamInvitesShown.
    const invites = file('src/team/InviteTeammates.tsx');
    const dead = diagnostics(invites, 'dead-event');
    assert.ok(
      dead.some((d) =>
        d.message.startsWith(
          'TeamInvitesShown (discovery of team-invites) had no occurrences in the last 28 days (never seen)',
        ),
      ),
      dead.map((d) => d.message).join('\n'),
    );
  });

  it('opens the dashboard with every feature’s funnel', async () => {
    await vscode.commands.executeCommand('activationLens.openDashboard');
    const data = await waitFor('the dashboard data', () => api.kpis.dashboardData());
    const checkout = data.scopes[0]!.features.find((f) => f.key === 'checkout-v2')!;
    assert.deepEqual(
      [checkout.kpis.discovered, checkout.kpis.activated, checkout.kpis.valued],
      [1244, 625, 447],
    );
    await waitFor('the dashboard tab', () =>
      vscode.window.tabGroups.all.some((g) => g.tabs.some((t) => t.label === 'Feature Activation Dashboard')),
    );
  });

  it('refreshes on the Refresh KPIs command', async () => {
    const before = api.kpis.status().scopes[0]!.computedAt!;
    const status = await vscode.commands.executeCommand<KpiStatusParams>('activationLens.refreshKpis');
    assert.equal(status.state, 'ready');
    assert.ok(status.scopes[0]!.computedAt! > before, `${status.scopes[0]!.computedAt} after ${before}`);
  });

  it('moves the numbers when events are appended to the events file', async () => {
    const events = file('events/demo-events.ndjson').fsPath;
    const lines = ['e2e-1', 'e2e-2', 'e2e-3'].map((u) =>
      JSON.stringify({
        event: 'checkout_viewed',
        userId: u,
        timestamp: '2026-11-29T12:00:00Z',
        messageId: `${u}-v`,
      }),
    );
    fs.appendFileSync(events, `${lines.join('\n')}\n`);
    const doc = await open('src/checkout/CheckoutPage.tsx');
    const [lens] = await lenses(doc);
    await waitFor('the feature card to count the new users', async () =>
      (await hoverAt(doc, lens!.range.start.translate(0, 2))).includes('1,247 discovered'),
    );
    const dashboard = await waitFor(
      'the dashboard to follow',
      () =>
        api.kpis.dashboardData()?.scopes[0]?.features.find((f) => f.key === 'checkout-v2')?.kpis
          .discovered === 1247,
    );
    assert.ok(dashboard);
  });
});
