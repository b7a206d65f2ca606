// The `check` text output: the features and their milestones, then the problems grouped by file in the
// manner of ESLint's "stylish" formatter, then a summary line.
import { styleText } from 'node:util';
import type { EventLink, FeatureModel } from '../../core/features/types';
import { MILESTONES } from '../../core/plan/model';
import type { Diagnostic } from '../../core/rules/types';
import type { DirectoryCheck } from '../../workspace/check';
import { summary } from './check-json';

type Style = Parameters<typeof styleText>[0];

export function checkText(check: DirectoryCheck, options: { color?: boolean } = {}): string {
  const paint = (style: Style, text: string) => (options.color ? styleText(style, text) : text);
  const out: string[] = [];
  const { result } = check;
  if (result.features.length) {
    out.push(paint('bold', `Features (${result.features.length})`));
    // Event names line up across features.
    const width = Math.max(
      0,
      ...result.features.flatMap((f) => MILESTONES.map((m) => f.milestones[m][0]?.event.length ?? 0)),
    );
    for (const f of result.features) out.push(...featureLines(f, width, paint));
    out.push('');
  }
  for (const [file, diagnostics] of byFile(result.diagnostics)) {
    out.push(paint('underline', file));
    const rows = diagnostics.map((d) => [
      `${d.span.start.line}:${d.span.start.column}`,
      d.severity,
      d.message,
      d.rule,
    ]);
    const posWidth = Math.max(...rows.map((r) => r[0]!.length));
    const sevWidth = Math.max(...rows.map((r) => r[1]!.length));
    for (const [pos, severity, message, rule] of rows) {
      out.push(
        `  ${paint('dim', pos!.padStart(posWidth))}  ${paint(severityStyle(severity!), severity!.padEnd(sevWidth))}  ${message}  ${paint('dim', rule!)}`,
      );
    }
    out.push('');
  }
  for (const err of result.parseErrors)
    out.push(`${err.file}:${err.line}:${err.column}  parse error: ${err.message}`);
  if (result.parseErrors.length) out.push('');
  const s = summary(check);
  const problems = s.errors + s.warnings + s.infos + s.hints;
  const counts = `${plural(s.errors, 'error')}, ${plural(s.warnings, 'warning')}, ${s.infos} info, ${plural(s.hints, 'hint')}`;
  const head = problems
    ? paint(s.errors ? 'red' : 'yellow', `✖ ${plural(problems, 'problem')} (${counts})`)
    : paint('green', '✔ no problems');
  out.push(
    `${head} · ${plural(s.features, 'feature')}, ${s.complete} complete · ${plural(s.files, 'file')}` +
      (result.parseErrors.length ? ` · ${plural(result.parseErrors.length, 'parse error')}` : ''),
  );
  return `${out.join('\n')}\n`;
}

function featureLines(
  f: FeatureModel,
  width: number,
  paint: (style: Style, text: string) => string,
): string[] {
  const sdks = [...new Set(f.entryPoints.map((ep) => ep.sdk))].join(', ');
  const checks = f.entryPoints.length
    ? `${sdks}, ${plural(f.entryPoints.length, 'check')}`
    : 'no flag check in code';
  const origin = f.planned ? '' : ', inferred';
  const lines = [`  ${paint('bold', f.key)}  ${paint('dim', `(${checks}${origin})`)}`];
  for (const m of MILESTONES) {
    const links = f.milestones[m];
    const first = links[0];
    const mark = first ? paint('green', '✓') : paint('red', '✗');
    const detail = first
      ? linkText(first, width, paint) + (links.length > 1 ? paint('dim', `  +${links.length - 1} more`) : '')
      : paint('dim', '—');
    lines.push(`    ${mark} ${m.padEnd(10)}  ${detail}`);
  }
  return lines;
}

function linkText(link: EventLink, width: number, paint: (style: Style, text: string) => string): string {
  return `${link.event.padEnd(width)}  ${paint('dim', `${link.via.padEnd(14)} ${link.file}:${link.span.start.line}`)}`;
}

function byFile(diagnostics: readonly Diagnostic[]): Map<string, Diagnostic[]> {
  const out = new Map<string, Diagnostic[]>();
  for (const d of diagnostics) {
    const list = out.get(d.file) ?? [];
    list.push(d);
    out.set(d.file, list);
  }
  return out;
}

function severityStyle(severity: string): Style {
  return severity === 'error' ? 'red' : severity === 'warning' ? 'yellow' : 'cyan';
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
