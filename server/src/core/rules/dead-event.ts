// `dead-event` (live): a milestone event that code sends had no occurrence in the last 28 days, while
// users kept discovering the feature: the call is no longer reached, or sends another name than the
// one the data holds. Reported on the tracking call.
import { countOf } from '../humanise';
import type { Finding, LiveRule } from './types';
import { MILESTONES } from '../plan/model';

export const rule: LiveRule = {
  id: 'dead-event',
  defaultLevel: 'warning',
  summary: 'An instrumented milestone event had no occurrences in the last 28 days.',
  help: 'Users discovered the feature in the last 28 days, but the events source holds no occurrence of this milestone event in that time. The tracking call may no longer be reached (moved, behind a condition, removed in a refactor), or the name sent differs from the name in the data (a typo, a constant changed). Check the call, and the raw events for a similar name.',
  check: (ctx) => {
    const live = ctx.kpis.live;
    if (!live) return [];
    const out: Finding[] = [];
    for (const f of ctx.features) {
      const recent = live.features[f.key]?.discoveredRecently ?? 0;
      if (recent === 0) continue;
      const seen = new Set<string>();
      for (const m of MILESTONES) {
        for (const link of f.milestones[m]) {
          // An exposure is the flag check itself: its events are the discovery just counted.
          if (link.via === 'exposure') continue;
          const activity = live.events[link.event];
          if ((activity?.last28d ?? 0) > 0) continue;
          const at = `${link.file}:${link.span.startOffset}:${link.event}`;
          if (seen.has(at)) continue;
          seen.add(at);
          const last = activity?.lastSeen ? `last seen ${activity.lastSeen.slice(0, 10)}` : 'never seen';
          out.push({
            rule: 'dead-event',
            file: link.file,
            span: link.nameSpan ?? link.span,
            message: `${link.event} (${m} of ${f.key}) had no occurrences in the last 28 days (${last}), while ${countOf(recent, 'user')} discovered ${f.key}.`,
            feature: f.key,
            milestone: m,
            event: link.event,
            related: f.entryPoints.map((ep) => ({
              file: ep.file,
              span: ep.span,
              message: `${f.key} is checked here`,
            })),
          });
        }
      }
    }
    return out;
  },
};
