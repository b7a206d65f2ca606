// Helpers the extension-host suites share (they run inside VS Code, with its `vscode` API).
import * as vscode from 'vscode';

/** The rule id of one of our diagnostics (a `{ value, target }` code when it links the rule's docs). */
export function ruleOf(d: vscode.Diagnostic): string | undefined {
  return typeof d.code === 'object'
    ? String(d.code.value)
    : d.code === undefined
      ? undefined
      : String(d.code);
}

/** A file's diagnostics of one rule. */
export function diagnostics(uri: vscode.Uri, rule: string): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => ruleOf(d) === rule);
}

/** The markdown of hover results, joined. */
export function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
    .join('\n');
}
