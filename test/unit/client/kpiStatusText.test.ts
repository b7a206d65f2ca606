import { strict as assert } from 'node:assert';
import { kpiStatusText, kpiStatusTooltip } from '../../../client/src/kpis/kpiStatusText';
import type { KpiScopeStatus, KpiStatusParams } from '../../../server/src/protocol';

const NOW = Date.parse('2026-12-01T12:00:00Z');
const scope = (over: Partial<KpiScopeStatus>): KpiScopeStatus => ({
  folder: 'file:///ws',
  planFile: 'activation-lens.yaml',
  source: 'duckdb · events/*.ndjson',
  computing: false,
  fromCache: false,
  stale: false,
  ...over,
});
const status = (state: KpiStatusParams['state'], ...scopes: KpiScopeStatus[]): KpiStatusParams => ({
  state,
  scopes,
});

describe('KPI status bar text', () => {
  it('is hidden when no plan names a KPI source', () => {
    assert.equal(kpiStatusText(status('off'), NOW), undefined);
  });

  it('spins until the first values, then says how old the oldest values are', () => {
    assert.equal(kpiStatusText(status('computing', scope({ computing: true })), NOW), '$(sync~spin) KPIs…');
    const two = status(
      'ready',
      scope({ computedAt: '2026-12-01T11:58:00Z' }),
      scope({ computedAt: '2026-12-01T09:00:00Z' }),
    );
    assert.equal(kpiStatusText(two, NOW), '$(graph) KPIs 3h ago');
    assert.equal(
      kpiStatusText(status('ready', scope({ computedAt: '2026-12-01T11:58:00Z', computing: true })), NOW),
      '$(sync~spin) KPIs 2m ago',
    );
  });

  it('says stale when a source failed, and the tooltip says why', () => {
    const failed = status(
      'stale',
      scope({
        computedAt: '2026-12-01T11:00:00Z',
        stale: true,
        error: 'no event files match events/*.ndjson',
      }),
    );
    assert.equal(kpiStatusText(failed, NOW), '$(warning) KPIs stale');
    assert.match(kpiStatusTooltip(failed, NOW), /failed: no event files match events\/\*\.ndjson/);
    assert.match(kpiStatusTooltip(failed, NOW), /Click to refresh\.$/);
  });
});
