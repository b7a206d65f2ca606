// Event names the fixes suggest: the plan's, or one built from the feature key in the project's style.
import { featureWords, formatName, MILESTONE_VERB, matchesCase, words } from '../../features/words';
import type { EventCase, Milestone, Plan } from '../../plan/model';
import type { TrackingCall } from '../../types';

const CASES: readonly EventCase[] = ['snake_case', 'Title Case', 'camelCase', 'kebab-case'];

/** The case of a set of calls, once per check (every missing milestone of every feature asks). */
const guessed = new WeakMap<readonly TrackingCall[], EventCase>();

/** The plan's convention, else the case most of the project's event names follow (snake_case by default). */
export function projectCase(plan: Plan, calls: readonly TrackingCall[]): EventCase {
  if (plan.conventions.eventCase) return plan.conventions.eventCase;
  let known = guessed.get(calls);
  if (!known) guessed.set(calls, (known = guessCase(calls)));
  return known;
}

function guessCase(calls: readonly TrackingCall[]): EventCase {
  const counts = new Map<EventCase, number>();
  for (const call of calls) {
    // One-word names fit several cases and say nothing.
    if (call.event === null || call.kind !== 'track' || words(call.event).length < 2) continue;
    const c = CASES.find((k) => matchesCase(call.event!, k));
    if (c) counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  let best: EventCase = 'snake_case';
  for (const [c, n] of counts) if (n > (counts.get(best) ?? 0)) best = c;
  return best;
}

/** `bulk-export` + value → `bulk_export_completed` (in the project's case). */
export function suggestedEvent(key: string, milestone: Milestone, eventCase: EventCase): string {
  return formatName([...featureWords(key), MILESTONE_VERB[milestone]], eventCase);
}
