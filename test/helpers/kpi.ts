// Runs the real KPI engine (DuckDB in-process) on events written to a temporary folder.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { defaultKpiSettings, type KpiSettings } from '../../server/src/core/plan/model';
import { computeKpis } from '../../server/src/kpi/compute';
import type { KpiFeature } from '../../server/src/kpi/model';
import type { KpiResult } from '../../server/src/kpi/result';

export const DAY_MS = 86_400_000;

/** RPTU with no mature trial user. */
export const NO_TRIALS = {
  all: null,
  trialUsers: 0,
  activated: null,
  notActivated: null,
  lift: null,
  activatedTrialUsers: 0,
  notActivatedTrialUsers: 0,
};
export const HOUR_MS = 3_600_000;

export function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'activation-lens-kpi-'));
}

export function feature(
  key: string,
  d: string[],
  a: string[],
  v: string[],
  exposureFlags: string[] = [],
): KpiFeature {
  return { key, discovery: d, activation: a, value: v, exposureFlags };
}

export function settingsWith(overrides: Partial<KpiSettings> = {}): KpiSettings {
  return { ...defaultKpiSettings(), ...overrides };
}

/** One NDJSON line of a Segment-style event. */
export function ev(
  user: string,
  event: string,
  ts: number | string,
  extra: { id?: string; properties?: Record<string, unknown> } = {},
): string {
  const row: Record<string, unknown> = {
    event,
    userId: user,
    timestamp: typeof ts === 'number' ? new Date(ts).toISOString() : ts,
  };
  if (extra.id) row.messageId = extra.id;
  if (extra.properties) row.properties = extra.properties;
  return JSON.stringify(row);
}

/** Writes `files` (name → content) into a fresh folder and computes the KPIs over all of them. */
export async function kpisOfFiles(
  files: Record<string, string | Buffer>,
  features: KpiFeature[],
  options: { asOf: Date | number; settings?: Partial<KpiSettings>; events?: string[]; maxSamples?: number },
): Promise<KpiResult> {
  const dir = tempDir();
  try {
    for (const [name, content] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      fs.writeFileSync(path.join(dir, name), content);
    }
    const settings = settingsWith({ ...options.settings, events: options.events ?? Object.keys(files) });
    return await computeKpis(settings, features, {
      baseDir: dir,
      asOf: new Date(options.asOf),
      ...(options.maxSamples !== undefined ? { maxSamples: options.maxSamples } : {}),
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export function kpisOf(
  lines: string[],
  features: KpiFeature[],
  options: { asOf: Date | number; settings?: Partial<KpiSettings> },
): Promise<KpiResult> {
  return kpisOfFiles({ 'events.ndjson': lines.join('\n') + '\n' }, features, options);
}
