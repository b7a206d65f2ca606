// JSON paths into the plan for findings that point at it.
import type { Milestone } from '../../plan/model';
import type { ParsedPlan } from '../../plan/parse';
import type { Span } from '../../types';

export function pointer(...segments: (string | number)[]): string {
  return segments.map((s) => `/${String(s).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

/** Where a feature's event is written: the list item, or the value when the plan gives one string. */
export function plannedEventSpan(
  parsed: ParsedPlan,
  feature: string,
  milestone: Milestone,
  event: string,
): Span {
  const data = parsed.data as { features?: Record<string, Record<string, unknown> | null> } | undefined;
  const value = data?.features?.[feature]?.[milestone];
  if (Array.isArray(value)) {
    const i = value.indexOf(event);
    if (i >= 0) return parsed.spanOf(pointer('features', feature, milestone, i));
  }
  return parsed.spanOf(pointer('features', feature, milestone));
}
