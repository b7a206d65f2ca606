// The status bar item: the client's readiness signal. People see the extension's state at a glance
// (a click opens the Features view, or the output when the server failed), and the editor tests wait
// for its text instead of sleeping.
import * as vscode from 'vscode';
import { statusText, statusTooltip, type StatusState } from './statusText';

export class StatusItem implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private current: StatusState = { kind: 'starting' };

  constructor(private readonly commands: { features: string; output: string }) {
    this.item = vscode.window.createStatusBarItem('activationLens.status', vscode.StatusBarAlignment.Left, 0);
    this.item.name = 'Activation Lens';
    this.set(this.current);
    this.item.show();
  }

  get state(): StatusState {
    return this.current;
  }

  get text(): string {
    return this.item.text;
  }

  set(state: StatusState): void {
    this.current = state;
    this.item.text = statusText(state);
    this.item.tooltip = statusTooltip(state);
    this.item.command = state.kind === 'failed' ? this.commands.output : this.commands.features;
    this.item.backgroundColor =
      state.kind === 'failed' ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
  }

  dispose(): void {
    this.item.dispose();
  }
}
