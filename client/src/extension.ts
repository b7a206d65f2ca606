// VS Code entry point: thin glue over the language server (DESIGN §6). The language client lands with
// the client issue; for now the extension shows its status bar item (the readiness signal the editor
// tests wait for) and an output channel.
import * as vscode from 'vscode';
import { StatusItem } from './status';

export const SHOW_OUTPUT_COMMAND = 'activationLens.showOutput';

export function activate(context: vscode.ExtensionContext): void {
  const output = vscode.window.createOutputChannel('Activation Lens', { log: true });
  const status = new StatusItem(SHOW_OUTPUT_COMMAND);
  context.subscriptions.push(
    output,
    status,
    vscode.commands.registerCommand(SHOW_OUTPUT_COMMAND, () => output.show(true)),
  );
  const version = (context.extension.packageJSON as { version?: string }).version ?? 'unknown';
  const folders = (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.fsPath);
  output.info(`Activation Lens ${version} activated for ${folders.join(', ') || 'no folder'}`);
}

export function deactivate(): void {}
