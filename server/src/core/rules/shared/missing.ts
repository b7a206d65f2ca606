// The three `missing-<milestone>` rules: a feature with no event for a milestone, reported at each of
// its entry points and at its plan entry.
import type { FeatureModel } from '../../features/types';
import { type Milestone, MILESTONES } from '../../plan/model';
import type { EntryPoint } from '../../types';
import type { Finding, FixHint, RelatedLocation, Rule, RuleContext, RuleId } from '../types';
import { projectCase, suggestedEvent } from './names';

const HELP: Record<Milestone, string> = {
  discovery:
    'No event tells that users saw the feature: none in the plan is sent, none is linked to it in code, and its flag SDK logs no exposure. Without discovery, activation rates have no denominator. Track an event where the gated code starts.',
  activation:
    "No event marks the feature's first meaningful use: none in the plan is sent and none is linked to it in code (by the flag check that gates it, a feature property, or its name). Track one where users first use the feature.",
  value:
    'No event marks the outcome the feature promises (an order placed, a report exported): none in the plan is sent and none is linked to it in code. Track one where users get the value.',
};

export function missingRule(milestone: Milestone): Rule {
  const id = `missing-${milestone}` as RuleId;
  return {
    id,
    defaultLevel: 'warning',
    summary: `A feature has no ${milestone} event.`,
    help: HELP[milestone],
    check: (ctx) =>
      ctx.features.flatMap((f) => (f.missing.includes(milestone) ? findings(id, f, milestone, ctx) : [])),
  };
}

function findings(id: RuleId, f: FeatureModel, milestone: Milestone, ctx: RuleContext): Finding[] {
  // A flag the plan does not know is reported by `unknown-flag`; its milestones wait until it is planned.
  if (!f.planned && ctx.plan.features.length > 0) return [];
  const planned = ctx.plan.features.find((pf) => pf.key === f.key)?.[milestone] ?? [];
  const event = planned[0] ?? suggestedEvent(f.key, milestone, projectCase(ctx.plan, ctx.trackingCalls));
  const message = `Feature ${f.key} has no ${milestone} event: ${explain(f, milestone, planned, event)}`;
  const out: Finding[] = [];
  const base = (ep?: EntryPoint): FixHint => {
    const fix: FixHint = { kind: 'add-event', feature: f.key, milestone, event, planned: planned.length > 0 };
    const offset = ep && milestone === 'discovery' ? ctx.insertionPoint(ep) : undefined;
    if (ep && offset !== undefined) fix.insertAt = { file: ep.file, offset };
    return fix;
  };
  for (const ep of f.entryPoints) {
    out.push({
      rule: id,
      file: ep.file,
      span: ep.span,
      message,
      feature: f.key,
      milestone,
      related: related(f, ep, ctx),
      fix: base(ep),
    });
  }
  if (f.planSpan && ctx.planFile !== undefined) {
    out.push({
      rule: id,
      file: ctx.planFile,
      span: f.planSpan,
      message,
      feature: f.key,
      milestone,
      related: related(f, undefined, ctx),
      fix: base(),
    });
  }
  return out;
}

function explain(f: FeatureModel, milestone: Milestone, planned: string[], event: string): string {
  const dynamic = f.unresolved.length
    ? ` (${f.unresolved.length} tracking call${f.unresolved.length > 1 ? 's' : ''} in its code ha${f.unresolved.length > 1 ? 've' : 's'} a dynamic name, which cannot count)`
    : '';
  if (planned.length)
    return `the plan names ${planned.join(', ')}, but no code sends ${planned.length > 1 ? 'them' : 'it'}${dynamic}.`;
  if (milestone === 'discovery' && f.entryPoints.length && f.entryPoints.every((ep) => !ep.autoExposure))
    return `${sdks(f)} logs no exposure on a flag check; track one such as ${event} where the gated code starts${dynamic}.`;
  return `no event linked to it marks the ${milestone}; track one such as ${event}${dynamic}.`;
}

function sdks(f: FeatureModel): string {
  const names = [
    ...new Set(f.entryPoints.map((ep) => (ep.sdk === 'annotation' ? 'an @feature annotation' : ep.sdk))),
  ];
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}` : names[0]!;
}

function related(f: FeatureModel, self: EntryPoint | undefined, ctx: RuleContext): RelatedLocation[] {
  const out: RelatedLocation[] = [];
  if (self && f.planSpan && ctx.planFile !== undefined)
    out.push({ file: ctx.planFile, span: f.planSpan, message: `${f.key} is declared here` });
  for (const ep of f.entryPoints) {
    if (ep !== self) out.push({ file: ep.file, span: ep.span, message: `${f.key} is also checked here` });
  }
  for (const m of MILESTONES) {
    for (const link of f.milestones[m]) {
      out.push({ file: link.file, span: link.span, message: `${m}: ${link.event} (${link.via})` });
    }
  }
  for (const u of f.unresolved) {
    const shown = u.expression.startsWith('`') ? u.expression : `\`${u.expression}\``;
    out.push({ file: u.file, span: u.span, message: `the dynamic event name ${shown} cannot count` });
  }
  return out;
}
