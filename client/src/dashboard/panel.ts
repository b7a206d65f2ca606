// The "Feature Activation Dashboard" webview panel: one panel, revealed again when open, refreshed
// whenever the server reports new KPI values. The page is static HTML plus the bundled script; data
// goes in with the page and then by messages.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { DashboardData } from '../../../server/src/protocol';
import { dashboardHtml } from './html';
import type { FromWebview, ToWebview } from './webview/messages';

export const DASHBOARD_VIEW_TYPE = 'activationLens.dashboard';

export interface DashboardDeps {
  extensionUri: vscode.Uri;
  fetch(): Promise<DashboardData>;
  refreshKpis(): Thenable<unknown>;
  reveal(feature: string): Thenable<unknown>;
  log: vscode.LogOutputChannel;
}

export class DashboardPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private latest: DashboardData | undefined;

  constructor(private readonly deps: DashboardDeps) {}

  /** The data last rendered (for the extension's API, which the editor tests read). */
  get data(): DashboardData | undefined {
    return this.latest;
  }

  get visible(): boolean {
    return this.panel?.visible ?? false;
  }

  async open(): Promise<void> {
    if (this.panel) {
      this.panel.reveal();
      await this.update();
      return;
    }
    const dist = vscode.Uri.joinPath(this.deps.extensionUri, 'dist');
    const panel = vscode.window.createWebviewPanel(
      DASHBOARD_VIEW_TYPE,
      'Feature Activation Dashboard',
      vscode.ViewColumn.Active,
      { enableScripts: true, localResourceRoots: [dist], retainContextWhenHidden: false },
    );
    this.panel = panel;
    panel.onDidDispose(() => (this.panel = undefined));
    panel.webview.onDidReceiveMessage((message: FromWebview) => {
      if (message.type === 'refresh') void this.deps.refreshKpis();
      else if (message.type === 'reveal') void this.deps.reveal(message.feature);
    });
    this.latest = await this.load();
    panel.webview.html = dashboardHtml({
      cspSource: panel.webview.cspSource,
      nonce: randomBytes(16).toString('base64'),
      scriptUri: panel.webview.asWebviewUri(vscode.Uri.joinPath(dist, 'dashboard.js')).toString(),
      styleUri: panel.webview.asWebviewUri(vscode.Uri.joinPath(dist, 'dashboard-style.css')).toString(),
      data: this.latest,
    });
  }

  /** New KPI values: the open panel shows them. */
  async update(): Promise<void> {
    if (!this.panel) return;
    this.latest = await this.load();
    const message: ToWebview = { type: 'data', data: this.latest };
    await this.panel.webview.postMessage(message);
  }

  dispose(): void {
    this.panel?.dispose();
  }

  private async load(): Promise<DashboardData> {
    try {
      return await this.deps.fetch();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.deps.log.warn(`Dashboard: ${message}`);
      return { scopes: [], message: `The language server did not answer: ${message}` };
    }
  }
}
