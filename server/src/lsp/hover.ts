// Hover cards. On a flag check: the feature card (milestone checklist, where each event is and why it
// is linked, and a marked place for live KPIs). On a tracking call: the event, how its name was
// resolved, and the features and milestones it serves.
import type { Hover, Position } from 'vscode-languageserver';
import type { CheckResult } from '../core/check';
import { featuresOfEntryPoint, linksOfCall } from '../core/features/query';
import type { EventLink, FeatureModel } from '../core/features/types';
import { MILESTONES } from '../core/plan/model';
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

export interface HoverContext {
  result: CheckResult;
  file: string;
  uriOf(file: string): string;
  /** Live KPI markdown for a feature, from the KPI cache (never waits on a query). */
  kpiSection?(feature: FeatureModel): string | undefined;
  /** Live activity of a tracking call's event (counts, users, last seen), from the KPI cache. */
  eventSection?(call: TrackingCall): string | undefined;
}

export function hoverAt(ctx: HoverContext, pos: Position): Hover | null {
  const { result, file } = ctx;
  const ep = result.entryPoints.find((e) => e.file === file && contains(e.span, pos));
  if (ep)
    return { contents: { kind: 'markdown', value: entryPointCard(ctx, ep) }, range: toRange(ep.keySpan) };
  const call = result.trackingCalls.find((c) => c.file === file && contains(c.span, pos));
  if (call)
    return {
      contents: { kind: 'markdown', value: trackingCallCard(ctx, call) },
      range: toRange(call.nameSpan),
    };
  return null;
}

function link(ctx: HoverContext, file: string, line: number): string {
  return `[${file}:${line}](${ctx.uriOf(file)}#L${line})`;
}

function entryPointCard(ctx: HoverContext, ep: EntryPoint): string {
  if (ep.feature === null) {
    return `**Flag check** · ${ep.sdk} \`${ep.callee}\`\n\nThe flag key \`${ep.expression}\` cannot be resolved statically, so no feature can be checked here.`;
  }
  const features = featuresOfEntryPoint(ctx.result.features, ep.file, ep.span.startOffset);
  if (features.length === 0) return `**Feature \`${ep.feature}\`** · ${ep.sdk} \`${ep.callee}\``;
  return features.map((f) => featureCard(ctx, f, ep)).join('\n\n---\n\n');
}

export function featureCard(ctx: HoverContext, f: FeatureModel, ep: EntryPoint): string {
  const checks = f.entryPoints.length;
  const head = [
    `**Feature \`${f.key}\`** · ${ep.sdk} \`${ep.callee}\`${ep.autoExposure ? ' (logs an exposure)' : ''}`,
    `${checks} entry point${checks === 1 ? '' : 's'}` +
      (f.planFile && f.planSpan
        ? ` · declared in ${link(ctx, f.planFile, f.planSpan.start.line)}`
        : ' · not in the plan'),
  ];
  if (ep.camelCasedKey) head.push(`Read as \`${ep.camelCasedKey}\`: the SDK camel-cases flag keys.`);
  const rows = ['| | milestone | event | where | why |', '|---|---|---|---|---|'];
  for (const m of MILESTONES) {
    const links = f.milestones[m];
    if (links.length === 0) {
      rows.push(`| ✗ | ${m} | — | | missing |`);
      continue;
    }
    for (const l of links) rows.push(`| ✓ | ${m} | \`${l.event}\` | ${where(ctx, l)} | ${l.via} |`);
  }
  const why = [...MILESTONES.flatMap((m) => f.milestones[m]), ...f.otherEvents]
    .filter((l) => l.reason)
    .map((l) => `- \`${l.event}\`: ${l.reason}`);
  const parts = [head.join('  \n'), rows.join('\n')];
  if (f.otherEvents.length) {
    parts.push(
      `Also linked, not counted (the plan names other events): ${f.otherEvents.map((l) => `\`${l.event}\``).join(', ')}`,
    );
  }
  if (f.unresolved.length) {
    parts.push(
      `${f.unresolved.length} tracking call${f.unresolved.length === 1 ? ' has' : 's have'} a dynamic name and cannot count.`,
    );
  }
  // The KPIs right below the checklist: what a glance at the card is for.
  parts.push(
    `${KPI_SECTION_MARKER}\n${ctx.kpiSection?.(f) ?? '_KPIs: no KPI source configured (`kpis:` in the plan)._'}`,
  );
  if (why.length) parts.push(`**Why linked**\n${why.join('\n')}`);
  return parts.join('\n\n');
}

function where(ctx: HoverContext, l: EventLink): string {
  return link(ctx, l.file, l.span.start.line);
}

function trackingCallCard(ctx: HoverContext, call: TrackingCall): string {
  const head = `**Event \`${call.event ?? call.expression}\`** · ${call.sdk} \`${call.callee}\``;
  if (call.event === null) {
    return `${head}\n\nThe name is built at run time: it cannot satisfy a milestone or be checked against the plan.`;
  }
  const lines = [head, '', `Name resolved from ${RESOLVED_FROM[call.resolvedFrom ?? 'literal']}.`];
  const links = linksOfCall(ctx.result.features, call.file, call.span.startOffset);
  if (links.length === 0) lines.push('', 'Not linked to any feature.');
  for (const l of links) {
    lines.push(
      '',
      `**${l.link.milestone}** of \`${l.feature}\`${l.counts ? '' : ' (not counted: the plan names other events)'} — ${l.link.reason}`,
    );
  }
  const activity = ctx.eventSection?.(call);
  if (activity) lines.push('', '---', '', activity);
  return lines.join('\n');
}
