// The status bar item: the client's readiness signal. People see the extension's state at a glance,
// and the editor tests wait for its text instead of sleeping.
import * as vscode from 'vscode';
import { statusText, type StatusState } from './statusText';

export class StatusItem implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;

  constructor(command: string) {
    this.item = vscode.window.createStatusBarItem('activationLens.status', vscode.StatusBarAlignment.Left, 0);
    this.item.name = 'Activation Lens';
    this.item.command = command;
    this.set({ kind: 'starting' });
    this.item.show();
  }

  set(state: StatusState): void {
    this.item.text = statusText(state);
    this.item.tooltip =
      state.kind === 'failed'
        ? `Activation Lens failed: ${state.reason}. Click to show the output.`
        : 'Show output';
    this.item.backgroundColor =
      state.kind === 'failed' ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
  }

  dispose(): void {
    this.item.dispose();
  }
}
