// What one plan's KPIs are computed from, in the editor: the plan's `kpis:` settings, its features as
// the latest check sees them (with the events linked to each milestone) and the event names its code
// sends. A job key tells whether the last computation still fits.
import * as path from 'node:path';
import { assignFiles, type CheckResult, type PlanSource } from '../../core/check';
import type { FeatureModel } from '../../core/features/types';
import type { KpiSettings, Plan } from '../../core/plan/model';
import { type ParsedPlan, parsePlan } from '../../core/plan/parse';
import type { LiveJob } from '../../kpi/live/compute-live';
import { linkedKpiFeatures } from '../../kpi/live/linked-features';
import { hash } from './cache';

export interface ScopeInput {
  /** `<folder URI>#<plan file>`: one scope per plan of a workspace folder. */
  key: string;
  folderUri: string;
  /** The plan file, workspace-relative. */
  planFile: string;
  plan: Plan;
  parsed: ParsedPlan;
  features: FeatureModel[];
  job: LiveJob;
  jobKey: string;
  /** `duckdb · events/*.ndjson`. */
  sourceText: string;
}

export interface FolderView {
  uri: string;
  root: string;
  result: CheckResult | undefined;
  planSources: readonly PlanSource[];
}

/** Whether a plan says where its events are (the embedded source needs files; others connect). */
export function kpisConfigured(kpis: KpiSettings): boolean {
  return kpis.source !== 'duckdb' || kpis.events.length > 0;
}

export function sourceText(kpis: KpiSettings): string {
  return kpis.source === 'duckdb' ? `duckdb · ${kpis.events.join(', ')}` : kpis.source;
}

export function scopeInputs(folder: FolderView, asOf: string | undefined): ScopeInput[] {
  const result = folder.result;
  if (!result) return [];
  const callsByPlan = assignFiles(
    result.trackingCalls.map((c) => c.file),
    folder.planSources,
  );
  const out: ScopeInput[] = [];
  folder.planSources.forEach((source, i) => {
    const parsed = parsePlan(source.text ?? '', source.file);
    const plan = parsed.plan;
    if (source.readError !== undefined || !kpisConfigured(plan.kpis)) return;
    const features = result.features.filter((f) => f.planFile === source.file);
    const governed = new Set(callsByPlan.get(i) ?? []);
    const eventNames = [
      ...new Set(
        result.trackingCalls
          .filter((c) => governed.has(c.file) && c.event !== null)
          .map((c) => c.event as string),
      ),
    ].sort();
    const job: LiveJob = {
      settings: plan.kpis,
      features: linkedKpiFeatures(features, plan.features),
      eventNames,
      baseDir: path.dirname(path.resolve(folder.root, source.file)),
      ...(asOf ? { asOf } : {}),
    };
    out.push({
      key: `${folder.uri}#${source.file}`,
      folderUri: folder.uri,
      planFile: source.file,
      plan,
      parsed,
      features,
      job,
      jobKey: hash(JSON.stringify(job)),
      sourceText: sourceText(plan.kpis),
    });
  });
  return out;
}
