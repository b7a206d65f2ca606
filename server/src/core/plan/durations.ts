// Durations in the plan: `90s`, `10m`, `3h`, `7d`, `2w`, combinations (`1h30m`), or plain seconds.

const UNITS: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86_400, w: 604_800 };

/** Seconds, or null when the text is not a duration. */
export function parseDuration(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value : null;
  if (typeof value !== 'string') return null;
  const text = value.trim();
  if (!text) return null;
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text);
  const part = /(\d+(?:\.\d+)?)\s*(ms|s|m|h|d|w)/gy;
  let total = 0;
  let end = 0;
  let m: RegExpExecArray | null;
  while ((m = part.exec(text))) {
    total += Number(m[1]) * UNITS[m[2]!]!;
    end = part.lastIndex;
    while (text[end] === ' ') end++;
    part.lastIndex = end;
  }
  return end === text.length && end > 0 ? total : null;
}
