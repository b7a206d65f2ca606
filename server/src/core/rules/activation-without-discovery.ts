// `activation-without-discovery` (live): many users send the feature's activation event with no
// discovery event before it, so the discovery event is missing on some path or sent too late (after
// the activation), and the activation rate's denominator is wrong. Reported on the entry points and
// the plan entry, with the share.
import { count, percent } from '../humanise';
import type { Finding, LiveRule } from './types';
import { atSites, featureSites } from './shared/feature-sites';

/** Below this share of activated users, stray events (a shared link, a replay) are noise. */
export const MIN_SHARE = 0.1;
/** And below this many users, too. */
export const MIN_USERS = 5;

export const rule: LiveRule = {
  id: 'activation-without-discovery',
  defaultLevel: 'warning',
  summary: 'Users send the activation event with no discovery event before it.',
  help: "A share of the users who activated the feature sent no discovery event at or before their first activation. Either some path into the feature does not send the discovery event (a deep link, a second entry point), or it is sent too late (after the activation, on unmount, after an await). Those users are missing from the activation rate's population. Send the discovery event where the gated code starts, on every path.",
  check: (ctx) => {
    const live = ctx.kpis.live;
    if (!live) return [];
    const out: Finding[] = [];
    for (const f of ctx.features) {
      // With no discovery at all, `missing-discovery` already says so.
      if (f.milestones.discovery.length === 0) continue;
      const a = live.features[f.key];
      if (!a || a.activatedAny === 0) continue;
      const share = a.activatedWithoutDiscovery / a.activatedAny;
      if (a.activatedWithoutDiscovery < MIN_USERS || share < MIN_SHARE) continue;
      const names = (m: 'discovery' | 'activation') =>
        [...new Set(f.milestones[m].map((l) => l.event))].join(', ') || '—';
      const message = `${percent(share)} of the users who activated ${f.key} (${count(a.activatedWithoutDiscovery)} of ${count(a.activatedAny)}) sent ${names('activation')} with no discovery (${names('discovery')}) before it: the discovery event is missing on a path or sent too late.`;
      const calls = (['discovery', 'activation'] as const).flatMap((m) =>
        f.milestones[m].map((l) => ({ file: l.file, span: l.span, message: `${m}: ${l.event}` })),
      );
      out.push(
        ...atSites(
          featureSites(f, ctx.planFile),
          { rule: 'activation-without-discovery', message, feature: f.key, milestone: 'discovery' },
          (s) => (s.file === ctx.planFile ? `${f.key} is declared here` : `${f.key} is checked here`),
          calls,
        ),
      );
    }
    return out;
  },
};
