// The KPI status bar item: source and freshness (`KPIs 2m ago`, `KPIs stale`), a click refreshes. The
// age is redrawn every half minute; the item hides when no plan names a KPI source.
import * as vscode from 'vscode';
import type { KpiStatusParams } from '../../../server/src/protocol';
import { kpiStatusText, kpiStatusTooltip } from './kpiStatusText';

const REDRAW_MS = 30_000;

export class KpiStatusItem implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private current: KpiStatusParams = { state: 'off', scopes: [] };
  private readonly timer: NodeJS.Timeout;

  constructor(refreshCommand: string) {
    this.item = vscode.window.createStatusBarItem('activationLens.kpis', vscode.StatusBarAlignment.Left, -1);
    this.item.name = 'Activation Lens KPIs';
    this.item.command = refreshCommand;
    this.timer = setInterval(() => this.draw(), REDRAW_MS);
  }

  get status(): KpiStatusParams {
    return this.current;
  }

  get text(): string | undefined {
    return this.item.text || undefined;
  }

  set(status: KpiStatusParams): void {
    this.current = status;
    this.draw();
  }

  dispose(): void {
    clearInterval(this.timer);
    this.item.dispose();
  }

  private draw(): void {
    const now = Date.now();
    const text = kpiStatusText(this.current, now);
    if (text === undefined) {
      this.item.text = '';
      this.item.hide();
      return;
    }
    this.item.text = text;
    this.item.tooltip = kpiStatusTooltip(this.current, now);
    this.item.backgroundColor =
      this.current.state === 'stale' ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.show();
  }
}
