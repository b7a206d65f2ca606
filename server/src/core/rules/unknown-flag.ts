// `unknown-flag`: a flag check uses a key the plan does not list (only when the plan lists features).
import { camelCaseFlagKey } from '../keys';
import { closest } from '../suggest';
import type { Finding, Rule } from './types';

export const rule: Rule = {
  id: 'unknown-flag',
  defaultLevel: 'warning',
  summary: 'A flag key is absent from the plan (when the plan lists features).',
  help: 'The plan lists features and their flag keys, and this flag check uses a key that none of them names: a typo, or a feature the plan does not know yet. The message suggests the closest planned key.',
  check(ctx) {
    if (ctx.plan.features.length === 0 || ctx.planFile === undefined) return [];
    const known = new Set(ctx.plan.features.flatMap((f) => [f.key, ...f.flags]));
    const out: Finding[] = [];
    for (const ep of ctx.entryPoints) {
      if (ep.feature === null || known.has(ep.feature)) continue;
      const suggestion = closest(ep.feature, known);
      // LaunchDarkly's React SDK reads keys camel-cased: suggest the spelling the code must use.
      const camel = ep.sdk === 'launchdarkly' && /^[a-z][A-Za-z0-9]*$/.test(ep.feature);
      const to = suggestion && camel ? camelCaseFlagKey(suggestion) : suggestion;
      const finding: Finding = {
        rule: 'unknown-flag',
        file: ep.file,
        span: ep.keySpan,
        message: `Flag ${ep.feature} is not in the plan${suggestion ? `. Did you mean ${to}?` : `: add it under features: in ${ctx.planFile}.`}`,
        feature: ep.feature,
        related: [],
      };
      if (to && to !== ep.feature) {
        finding.fix = {
          kind: 'rename',
          file: ep.file,
          span: ep.keySpan,
          from: ep.feature,
          to,
          ...(ep.resolvedFrom ? { resolvedFrom: ep.resolvedFrom } : {}),
        };
      }
      out.push(finding);
    }
    return out;
  },
};
