// Hover cards: what a flag check or a tracking call is, and how the engine knows.
import type { Hover, Position } from 'vscode-languageserver';
import type { Analysis } from '../core/scan';
import type { EntryPoint, TrackingCall } from '../core/types';
import { contains, toRange } from './ranges';

const RESOLVED_FROM: Record<string, string> = {
  literal: 'a string literal',
  template: 'a template literal',
  const: 'a `const` in this file',
  enum: 'an enum member',
  object: 'a constants object',
  import: 'a constant imported from another file',
};

/** Marks where the live KPI section of the feature card goes (filled by the KPI layer). */
export const KPI_SECTION_MARKER = '<!-- activation-lens:kpis -->';

export function hoverAt(
  analysis: Analysis,
  file: string,
  pos: Position,
  uriOf: (file: string) => string,
): Hover | null {
  const ep = analysis.entryPoints.find((e) => e.file === file && contains(e.span, pos));
  if (ep)
    return {
      contents: { kind: 'markdown', value: entryPointCard(analysis, ep, uriOf) },
      range: toRange(ep.keySpan),
    };
  const call = analysis.trackingCalls.find((c) => c.file === file && contains(c.span, pos));
  if (call)
    return { contents: { kind: 'markdown', value: trackingCallCard(call) }, range: toRange(call.nameSpan) };
  return null;
}

function entryPointCard(analysis: Analysis, ep: EntryPoint, uriOf: (file: string) => string): string {
  if (ep.feature === null) {
    return `**Flag check** (${ep.sdk} \`${ep.callee}\`)\n\nThe flag key \`${ep.expression}\` cannot be resolved statically.`;
  }
  const all = analysis.entryPoints.filter((e) => e.feature === ep.feature);
  const lines = [
    `**Feature \`${ep.feature}\`** — ${ep.sdk} \`${ep.callee}\`${ep.autoExposure ? ' (logs an exposure event)' : ''}`,
    '',
    `${all.length} entry point${all.length === 1 ? '' : 's'}: ${all
      .map((e) => `[${e.file}:${e.span.start.line}](${uriOf(e.file)}#L${e.span.start.line})`)
      .join(', ')}`,
  ];
  if (ep.camelCasedKey) lines.push('', `Read as \`${ep.camelCasedKey}\` (the SDK camel-cases flag keys).`);
  lines.push('', KPI_SECTION_MARKER);
  return lines.join('\n');
}

function trackingCallCard(call: TrackingCall): string {
  if (call.event === null) {
    return `**Tracking call** (${call.sdk} \`${call.callee}\`)\n\nThe event name \`${call.expression}\` is built at run time: it cannot be checked statically.`;
  }
  return [
    `**Event \`${call.event}\`** — ${call.sdk} \`${call.callee}\``,
    '',
    `Name resolved from ${RESOLVED_FROM[call.resolvedFrom ?? 'literal']}.`,
  ].join('\n');
}
