// "Did you mean …?": the closest known name to an unknown one, when it is close enough to be a typo.
import { distance } from 'fastest-levenshtein';

/** Case and separators are not edits: `CheckoutStarted` and `checkout-started` both mean `checkout_started`. */
function normal(name: string): string {
  return name.toLowerCase().replace(/[\s_\-.:/]+/g, '');
}

/**
 * The most edits a suggestion may be from the name: 2 (most typos are one or two keystrokes), and at
 * most a quarter of the longer name, so that short names do not "suggest" unrelated short names
 * (`open` → `save` is 4 edits; `cart_view` → `cart_viewed` is 2 of 10 letters and is suggested).
 * Names equal up to case and separators are always suggested.
 */
export function maxEdits(a: string, b: string): number {
  return Math.min(2, Math.floor(Math.max(a.length, b.length) / 4));
}

/** The closest candidate within `maxEdits`, or undefined. Ties go to the raw spelling, then to the first in order. */
export function closest(name: string, candidates: Iterable<string>): string | undefined {
  const n = normal(name);
  let best: { candidate: string; d: number; raw: number } | undefined;
  for (const candidate of candidates) {
    if (candidate === name) continue;
    const c = normal(candidate);
    const d = distance(n, c);
    if (d > maxEdits(n, c)) continue;
    const raw = distance(name, candidate);
    if (!best || d < best.d || (d === best.d && raw < best.raw)) best = { candidate, d, raw };
  }
  return best?.candidate;
}
