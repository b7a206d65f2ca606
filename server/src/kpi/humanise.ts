// How KPI figures read for people: the CLI table now, hovers and lenses later. No imports.

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
