// How KPI figures read for people: the CLI table, hovers, lenses, live diagnostics. No imports.

/** `45s`, `19m 23s`, `4h 17m`, `2d 3h`; below ten seconds one decimal (`2.5s`); `—` for null. */
export function humanDuration(seconds: number | null): string {
  if (seconds === null) return '—';
  if (seconds < 10) return `${Number(seconds.toFixed(1))}s`;
  const s = Math.round(seconds);
  const units: [number, string][] = [
    [86_400, 'd'],
    [3_600, 'h'],
    [60, 'm'],
    [1, 's'],
  ];
  const parts: string[] = [];
  let rest = s;
  for (const [size, unit] of units) {
    const n = Math.floor(rest / size);
    if (n > 0 || (parts.length > 0 && parts.length < 2)) parts.push(`${n}${unit}`);
    rest -= n * size;
    if (parts.length === 2) break;
  }
  return parts.filter((p) => !/^0/.test(p)).join(' ') || '0s';
}

/** `52.3%`; `—` for null. */
export function percent(rate: number | null): string {
  return rate === null ? '—' : `${(rate * 100).toFixed(1)}%`;
}

/** `1,760`. */
export function count(n: number): string {
  return n.toLocaleString('en-US');
}

/** `33.50`, `-4.10`; `—` for null. */
export function money(value: number | null): string {
  return value === null
    ? '—'
    : value.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

/** A window length: `7d`, `24h`, `90m`. */
export function windowLength(seconds: number): string {
  if (seconds % 86_400 === 0 && seconds >= 2 * 86_400) return `${seconds / 86_400}d`;
  if (seconds % 3_600 === 0) return `${seconds / 3_600}h`;
  return humanDuration(seconds);
}

/** A coarse age for freshness: `just now`, `2m ago`, `3h ago`, `5d ago`. */
export function ago(seconds: number): string {
  if (seconds < 60) return 'just now';
  if (seconds < 3_600) return `${Math.floor(seconds / 60)}m ago`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3_600)}h ago`;
  return `${Math.floor(seconds / 86_400)}d ago`;
}

/** `41%`: a rate in a narrow place (code lenses); `—` for null. */
export function percentShort(rate: number | null): string {
  return rate === null ? '—' : `${Math.round(rate * 100)}%`;
}

/** `2026-11-30 14:05 UTC`. */
export function utcMinute(iso: string): string {
  return `${iso.slice(0, 16).replace('T', ' ')} UTC`;
}

/** `1 user`, `1,760 users`. */
export function countOf(n: number, noun: string): string {
  return `${count(n)} ${noun}${n === 1 ? '' : 's'}`;
}
