// `unknown-event`: with `strictEvents: true`, a tracking call sends a name the plan does not know.
import { planEventNames } from '../plan/model';
import { closest } from '../suggest';
import type { Finding, Rule } from './types';

export const rule: Rule = {
  id: 'unknown-event',
  defaultLevel: 'warning',
  summary: 'A tracking call sends an event the plan does not name (plans with strictEvents).',
  help: "With `strictEvents: true`, every event a tracking call sends must be named in the plan: under a feature's milestones, in `events:`, or as the KPI trial-start event. Unknown names are usually typos or events nobody planned; the message suggests the closest planned name.",
  check(ctx) {
    if (!ctx.plan.strictEvents || ctx.planFile === undefined) return [];
    const known = planEventNames(ctx.plan);
    const out: Finding[] = [];
    for (const call of ctx.trackingCalls) {
      // Page and screen names are not events of the plan.
      if (call.event === null || call.kind !== 'track' || known.has(call.event)) continue;
      const suggestion = closest(call.event, known);
      const finding: Finding = {
        rule: 'unknown-event',
        file: call.file,
        span: call.nameSpan,
        message: `${call.event} is not in the plan${suggestion ? `. Did you mean ${suggestion}?` : '.'}`,
        event: call.event,
        related: [],
      };
      if (suggestion) {
        finding.fix = {
          kind: 'rename',
          file: call.file,
          span: call.nameSpan,
          from: call.event,
          to: suggestion,
          ...(call.resolvedFrom ? { resolvedFrom: call.resolvedFrom } : {}),
        };
      }
      out.push(finding);
    }
    return out;
  },
};
