// `planned-event-not-instrumented`: the plan names an event for a feature's milestone that no code sends.
import { exposureEvent } from '../features/link';
import { MILESTONES } from '../plan/model';
import { plannedEventSpan } from './shared/plan-paths';
import type { Finding, Rule } from './types';

export const rule: Rule = {
  id: 'planned-event-not-instrumented',
  defaultLevel: 'warning',
  summary: 'The plan names an event that no code sends.',
  help: "The plan lists an event under a feature's discovery, activation or value milestone, but no tracking call in the plan's files sends that name, so the milestone cannot be measured. Send the event where the milestone happens, or fix the name in the plan.",
  check(ctx) {
    if (!ctx.parsed || ctx.planFile === undefined) return [];
    const sent = new Set(ctx.trackingCalls.map((c) => c.event).filter((e) => e !== null));
    const out: Finding[] = [];
    for (const pf of ctx.plan.features) {
      const feature = ctx.features.find((f) => f.key === pf.key);
      // An exposure event the SDK sends by itself on the feature's flag checks counts as sent.
      const exposures = new Set(
        (feature?.entryPoints ?? [])
          .filter((ep) => ep.autoExposure && ep.feature !== null)
          .map((ep) => exposureEvent(ep.sdk, ep.callee, ep.feature!)),
      );
      for (const milestone of MILESTONES) {
        for (const event of new Set(pf[milestone])) {
          if (sent.has(event) || exposures.has(event)) continue;
          out.push({
            rule: 'planned-event-not-instrumented',
            file: ctx.planFile,
            span: plannedEventSpan(ctx.parsed, pf.key, milestone, event),
            message: `${event} is planned as ${pf.key}'s ${milestone} event, but no code sends it.`,
            feature: pf.key,
            milestone,
            event,
            related: (feature?.entryPoints ?? []).map((ep) => ({
              file: ep.file,
              span: ep.span,
              message: `${pf.key} is checked here`,
            })),
            fix: { kind: 'instrument', feature: pf.key, milestone, event },
          });
        }
      }
    }
    return out;
  },
};
