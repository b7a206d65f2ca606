// VS Code entry point. The client lands with the VS Code client issue; the scaffold only activates.
import type * as vscode from 'vscode';

export function activate(_context: vscode.ExtensionContext): void {}

export function deactivate(): void {}
