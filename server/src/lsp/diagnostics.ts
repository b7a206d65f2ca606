// Check findings → LSP diagnostics, and publishing only what changed: a feature's events live in
// other files, so one edit can change diagnostics anywhere; unchanged files are not re-sent.
import * as path from 'node:path';
import { type Diagnostic as LspDiagnostic, DiagnosticSeverity } from 'vscode-languageserver';
import type { CheckResult } from '../core/check';
import { ruleDocsUrl } from '../core/rules';
import type { Diagnostic, FixHint, Severity } from '../core/rules/types';
import { toRange } from './ranges';
import { pathToUri } from './uris';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** What a diagnostic carries for its code actions. */
export interface DiagnosticData {
  rule: string;
  feature?: string;
  milestone?: string;
  fix?: FixHint;
  /** The document version the finding was computed on (absent: the file was not open). */
  version?: number;
}

/** Diagnostics by document URI for one folder's check result. */
export function toLspDiagnostics(
  root: string,
  result: CheckResult,
  versionOf: (uri: string) => number | undefined,
): Map<string, LspDiagnostic[]> {
  const uriOf = (file: string) => pathToUri(path.resolve(root, ...file.split('/')));
  const out = new Map<string, LspDiagnostic[]>();
  for (const d of result.diagnostics) {
    const uri = uriOf(d.file);
    const list = out.get(uri) ?? [];
    list.push(toLsp(d, uriOf, versionOf(uri)));
    out.set(uri, list);
  }
  return out;
}

function toLsp(d: Diagnostic, uriOf: (file: string) => string, version: number | undefined): LspDiagnostic {
  const data: DiagnosticData = { rule: d.rule };
  if (d.feature) data.feature = d.feature;
  if (d.milestone) data.milestone = d.milestone;
  if (d.fix) data.fix = d.fix;
  if (version !== undefined) data.version = version;
  const diagnostic: LspDiagnostic = {
    range: toRange(d.span),
    severity: SEVERITY[d.severity],
    code: d.rule,
    codeDescription: { href: ruleDocsUrl(d.rule) },
    source: 'activation-lens',
    message: d.message,
    data,
  };
  if (d.related.length) {
    diagnostic.relatedInformation = d.related.map((r) => ({
      location: { uri: uriOf(r.file), range: toRange(r.span) },
      message: r.message,
    }));
  }
  return diagnostic;
}

/** Remembers what each URI last received and sends only changes (and empty lists for cleared files). */
export class DiagnosticsPublisher {
  private readonly sent = new Map<string, string>();

  constructor(private readonly send: (uri: string, diagnostics: LspDiagnostic[]) => void) {}

  /** Publishes `next` for the URIs `owned` covers (one folder's URIs), clearing those gone. */
  publish(next: Map<string, LspDiagnostic[]>, owns: (uri: string) => boolean): number {
    let sent = 0;
    for (const [uri, diagnostics] of next) {
      const key = JSON.stringify(diagnostics);
      if (this.sent.get(uri) === key) continue;
      this.sent.set(uri, key);
      this.send(uri, diagnostics);
      sent++;
    }
    for (const uri of [...this.sent.keys()]) {
      if (next.has(uri) || !owns(uri)) continue;
      this.sent.delete(uri);
      this.send(uri, []);
      sent++;
    }
    return sent;
  }
}
