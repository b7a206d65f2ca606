// Rule fixtures: `test/fixtures/rules/<rule-id>/<case>/` workspaces with the rule's expected findings.
// Cases of live rules also hold an events file and `as-of.txt`: their KPIs are computed by the real
// engine (DuckDB) at that time before the rules run.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { applyLevels, LIVE_RULES } from '../../server/src/core/rules';
import { parsePlan } from '../../server/src/core/plan/parse';
import type { Diagnostic } from '../../server/src/core/rules/types';
import { computeLive } from '../../server/src/kpi/live/compute-live';
import { linkedKpiFeatures } from '../../server/src/kpi/live/linked-features';
import { liveRuleFindings } from '../../server/src/kpi/live/live-rules';
import { checkDirectory } from '../../server/src/workspace/check';
import { copyFixture, FIXTURES, removeDir } from './fixtures';

export const RULES_DIR = path.join(FIXTURES, 'rules');

/** A finding in the fixtures' `expected.json` form. */
export function expectedForm(d: Diagnostic): Record<string, unknown> {
  const { span, fix } = d;
  return {
    file: d.file,
    line: span.start.line,
    column: span.start.column,
    endLine: span.end.line,
    endColumn: span.end.column,
    severity: d.severity,
    message: d.message,
    ...(fix ? { fix: fix.kind === 'rename' ? { kind: fix.kind, to: fix.to } : { ...fix } } : {}),
  };
}

/**
 * Runs `check` on a copy of a case (so no plan above it leaks in) and keeps one rule's findings; for
 * a live rule, computes the case's KPIs and runs the live rules over them.
 */
export async function findingsOf(rule: string, caseName: string): Promise<Record<string, unknown>[]> {
  const dir = copyFixture(path.join('rules', rule, caseName));
  try {
    const { result } = await checkDirectory(dir);
    const diagnostics = LIVE_RULES.some((r) => r.id === rule)
      ? await liveDiagnostics(dir, result)
      : result.diagnostics;
    return diagnostics.filter((d) => d.rule === rule).map(expectedForm);
  } finally {
    removeDir(dir);
  }
}

const PLAN = 'activation-lens.yaml';

async function liveDiagnostics(dir: string, result: Awaited<ReturnType<typeof checkDirectory>>['result']) {
  const parsed = parsePlan(fs.readFileSync(path.join(dir, PLAN), 'utf8'), PLAN);
  const features = result.features.filter((f) => f.planFile === PLAN);
  const kpis = await computeLive({
    settings: parsed.plan.kpis,
    features: linkedKpiFeatures(features, parsed.plan.features),
    eventNames: result.trackingCalls.flatMap((c) => (c.event === null ? [] : [c.event])),
    baseDir: dir,
    asOf: fs.readFileSync(path.join(dir, 'as-of.txt'), 'utf8').trim(),
  });
  const findings = liveRuleFindings({ plan: parsed.plan, planFile: PLAN, parsed, features }, kpis);
  return applyLevels(findings, parsed.plan.rules);
}

export function casesOf(rule: string): string[] {
  const dir = path.join(RULES_DIR, rule);
  return fs.existsSync(dir) ? fs.readdirSync(dir).sort() : [];
}

export function readExpected(rule: string, caseName: string): Record<string, unknown>[] {
  return JSON.parse(fs.readFileSync(path.join(RULES_DIR, rule, caseName, 'expected.json'), 'utf8'));
}
