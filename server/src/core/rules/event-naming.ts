// `event-naming`: an event name breaks the plan's convention (`conventions.eventCase`, `objectAction`).
import { formatName, matchesCase, milestoneVerb, pastOf, words } from '../features/words';
import { type Conventions, MILESTONES } from '../plan/model';
import { plannedEventSpan } from './shared/plan-paths';
import type { Finding, Rule } from './types';

export const rule: Rule = {
  id: 'event-naming',
  defaultLevel: 'warning',
  summary: "An event name breaks the plan's naming convention.",
  help: "The plan's `conventions` say how event names are written (`eventCase`: snake_case, Title Case, kebab-case or camelCase; `objectAction`: the object first, the action last). The message gives the name in the convention.",
  check(ctx) {
    const conventions = ctx.plan.conventions;
    if (!conventions.eventCase && !conventions.objectAction) return [];
    const out: Finding[] = [];
    for (const call of ctx.trackingCalls) {
      if (call.event === null || call.kind !== 'track') continue;
      const problem = namingProblem(call.event, conventions);
      if (!problem) continue;
      out.push({
        rule: 'event-naming',
        file: call.file,
        span: call.nameSpan,
        message: problem.message,
        event: call.event,
        related: [],
        fix: {
          kind: 'rename',
          file: call.file,
          span: call.nameSpan,
          from: call.event,
          to: problem.suggestion,
          ...(call.resolvedFrom ? { resolvedFrom: call.resolvedFrom } : {}),
        },
      });
    }
    if (ctx.parsed && ctx.planFile !== undefined) {
      for (const pf of ctx.plan.features) {
        for (const milestone of MILESTONES) {
          for (const event of new Set(pf[milestone])) {
            const problem = namingProblem(event, conventions);
            if (!problem) continue;
            const span = plannedEventSpan(ctx.parsed, pf.key, milestone, event);
            out.push({
              rule: 'event-naming',
              file: ctx.planFile,
              span,
              message: problem.message,
              event,
              feature: pf.key,
              milestone,
              related: [],
              fix: { kind: 'rename', file: ctx.planFile, span, from: event, to: problem.suggestion },
            });
          }
        }
      }
    }
    return out;
  },
};

/** What is wrong with a name and the name that would follow the convention. */
export function namingProblem(
  name: string,
  conventions: Conventions,
): { message: string; suggestion: string } | undefined {
  // `$pageview`, `$feature_flag_called`: names reserved by SDKs follow their own rules.
  if (name.startsWith('$')) return undefined;
  const eventCase = conventions.eventCase;
  let parts = words(name);
  const reasons: string[] = [];
  if (eventCase && !matchesCase(name, eventCase)) reasons.push(`is not ${eventCase}`);
  const verb = conventions.objectAction ? milestoneVerb(name) : undefined;
  if (verb?.position === 'first') {
    reasons.push('puts the action before the object');
    parts = [...parts.slice(1), pastOf(verb.verb) ?? verb.verb];
  }
  if (reasons.length === 0 || parts.length === 0) return undefined;
  const suggestion = formatName(parts, eventCase ?? guessCase(name));
  if (suggestion === name) return undefined;
  return { message: `${name} ${reasons.join(' and ')}: ${suggestion}`, suggestion };
}

/** The case a name is written in, to keep it when only the word order changes. */
function guessCase(name: string) {
  if (name.includes(' ')) return 'Title Case' as const;
  if (name.includes('-')) return 'kebab-case' as const;
  if (/[A-Z]/.test(name) && !name.includes('_')) return 'camelCase' as const;
  return 'snake_case' as const;
}
