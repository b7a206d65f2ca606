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

/**
 * Each finding's LSP form, kept while the finding object lives: a keystroke's result shares the
 * findings of the files it did not touch with the previous result (core/shift.ts), so only the
 * edited file's are converted again. Keyed by the folder root and document version they were
 * converted with.
 */
const converted = new WeakMap<
  Diagnostic,
  { root: string; version: number | undefined; lsp: LspDiagnostic }
>();

/** Diagnostics by document URI for one folder's check result. */
export function toLspDiagnostics(
  root: string,
  result: CheckResult,
  versionOf: (uri: string) => number | undefined,
): Map<string, LspDiagnostic[]> {
  const uris = new Map<string, string>();
  const uriOf = (file: string) => {
    let uri = uris.get(file);
    if (uri === undefined) uris.set(file, (uri = pathToUri(path.resolve(root, ...file.split('/')))));
    return uri;
  };
  const versions = new Map<string, number | undefined>();
  const out = new Map<string, LspDiagnostic[]>();
  for (const d of result.diagnostics) {
    const uri = uriOf(d.file);
    let list = out.get(uri);
    if (!list) {
      out.set(uri, (list = []));
      versions.set(uri, versionOf(uri));
    }
    const version = versions.get(uri);
    const known = converted.get(d);
    if (known && known.root === root && known.version === version) list.push(known.lsp);
    else {
      const lsp = toLsp(d, uriOf, version);
      converted.set(d, { root, version, lsp });
      list.push(lsp);
    }
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

/**
 * Remembers what each URI last received and sends only changes (and empty lists for cleared files).
 * Unchanged findings are the same objects from one result to the next (see `converted`), so most
 * files are told unchanged without serialising them.
 */
export class DiagnosticsPublisher {
  /** The lists last sent (not their JSON: that would double the memory the findings take). */
  private readonly sent = new Map<string, LspDiagnostic[]>();

  constructor(private readonly send: (uri: string, diagnostics: LspDiagnostic[]) => void) {}

  /** Publishes `next` for the URIs `owned` covers (one folder's URIs), clearing those gone. */
  publish(next: Map<string, LspDiagnostic[]>, owns: (uri: string) => boolean): number {
    let sent = 0;
    for (const [uri, diagnostics] of next) {
      const last = this.sent.get(uri);
      this.sent.set(uri, diagnostics);
      if (last && (sameItems(last, diagnostics) || JSON.stringify(last) === JSON.stringify(diagnostics)))
        continue;
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

function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
