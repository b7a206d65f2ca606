// The KPI status bar item's text and tooltip (no `vscode` import, so unit tests can check them):
// the source and how fresh the values are, `KPIs 2m ago` or `KPIs stale`.
import type { KpiStatusParams } from '../../../server/src/protocol';

export function age(iso: string, nowMs: number): string {
  const s = Math.max(0, (nowMs - Date.parse(iso)) / 1000);
  if (s < 60) return 'just now';
  if (s < 3600) return `${Math.floor(s / 60)}m ago`;
  if (s < 86_400) return `${Math.floor(s / 3600)}h ago`;
  return `${Math.floor(s / 86_400)}d ago`;
}

/** The oldest values shown: freshness is that of the stalest scope. */
function oldest(status: KpiStatusParams): string | undefined {
  const times = status.scopes.map((s) => s.computedAt).filter((t): t is string => t !== undefined);
  return times.sort()[0];
}

/** Undefined: the item is hidden (no plan names a KPI source). */
export function kpiStatusText(status: KpiStatusParams, nowMs: number): string | undefined {
  if (status.state === 'off') return undefined;
  const computing = status.scopes.some((s) => s.computing);
  if (status.state === 'stale') return '$(warning) KPIs stale';
  const at = oldest(status);
  if (!at) return '$(sync~spin) KPIs…';
  return `${computing ? '$(sync~spin)' : '$(graph)'} KPIs ${age(at, nowMs)}`;
}

export function kpiStatusTooltip(status: KpiStatusParams, nowMs: number): string {
  const lines = status.scopes.map((s) => {
    const when = s.computedAt
      ? `computed ${age(s.computedAt, nowMs)}${s.fromCache ? ' (cached)' : ''}, as of ${s.asOf?.slice(0, 16).replace('T', ' ')} UTC`
      : 'not computed yet';
    const state = s.computing ? ' · refreshing…' : '';
    const error = s.error ? `\n  failed: ${s.error}` : '';
    return `${s.planFile}: ${s.source} · ${when}${state}${error}`;
  });
  return `Activation Lens KPIs\n${lines.join('\n')}\nClick to refresh.`;
}
