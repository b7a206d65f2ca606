// The live figures on the embedded DuckDB source, in the same instance and over the same normalised
// events as the KPIs: the per-(user, feature) relation is materialised once and every live query
// reads it.
import { type DuckDbSettings, kpisOver, type NormalisedEvents, withNormalisedEvents } from '../duckdb/source';
import type { KpiFeature, KpiFormulaSettings, KpiOptions } from '../model';
import { userFeatureQuery } from '../sql/kpi-query';
import { assembleLive } from './assemble-live';
import { activityQuery, dailyQuery, histogramQuery, integrityQuery, latestEventQuery } from './live-query';
import type { LiveFigures, LiveKpis } from './result';

export async function computeLiveWithDuckDb(
  settings: DuckDbSettings,
  features: KpiFeature[],
  eventNames: readonly string[],
  options: KpiOptions & { asOf: Date },
): Promise<LiveKpis> {
  return withNormalisedEvents(settings, options, async (events) => ({
    result: await kpisOver(events, settings, features, options),
    live: await liveOver(events, settings, features, eventNames, options.asOf.getTime()),
  }));
}

async function liveOver(
  { connection: c, dialect: q }: NormalisedEvents,
  settings: KpiFormulaSettings,
  features: KpiFeature[],
  eventNames: readonly string[],
  nowMs: number,
): Promise<LiveFigures> {
  const uf = features.length
    ? userFeatureQuery({ dialect: q, events: 'events', features, settings, nowMs })
    : 'SELECT 0 AS u, 0 AS f, 0 AS td, 0 AS ta, 0 AS tv, 0 AS a0, 0 AS dl WHERE false';
  await c.run(`CREATE OR REPLACE TEMP TABLE live_uf AS ${uf}`);
  const rows = async (sql: string) => (await c.runAndReadAll(sql)).getRowObjectsJS();
  const names = [...new Set(eventNames)];
  const latest = (await rows(latestEventQuery('events')))[0]?.last_ts;
  return assembleLive(features, settings.windows, nowMs, {
    daily: await rows(dailyQuery(q, 'live_uf', nowMs)),
    histograms: await rows(histogramQuery(q, 'live_uf', settings.windows, nowMs)),
    integrity: await rows(integrityQuery(q, 'live_uf', nowMs)),
    activity: names.length ? await rows(activityQuery(q, 'events', names, nowMs)) : [],
    latest: latest === null || latest === undefined ? null : Number(latest),
  });
}
