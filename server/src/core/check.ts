// `check`: the whole pipeline over a workspace, as plain data. Each source file belongs to the plan
// nearest up its folder tree (monorepo packages can each have one); for each plan's files: scan, group
// features and link events (features/), run the rules (rules/), give findings their severity.
import type { FileFacts } from './extract';
import { type Extract, FactsStore } from './facts-store';
import { gatingIndexSteps } from './features/gating';
import { buildFeaturesSteps } from './features/link';
import type { FeatureModel } from './features/types';
import type { ModuleHost } from './modules';
import { emptyPlan, type Plan, planFlagKeys } from './plan/model';
import { type ParsedPlan, parsePlan, type PlanProblem } from './plan/parse';
import { planProblems } from './plan/validate';
import { applyLevels, RULE_IDS, RULES } from './rules';
import { pointer } from './rules/shared/plan-paths';
import type { Diagnostic, Finding, LevelOverride, RuleContext } from './rules/types';
import { linkAnalysisSteps } from './scan';
import { drain, STEP_SIZES, type StepSizes, type Steps } from './steps';
import type { EntryPoint, ParseError, Span, TrackingCall } from './types';

export interface PlanSource {
  /** The plan file as findings report it: workspace-relative, `../…` above the workspace, or as given. */
  file: string;
  /** The workspace folder whose files it governs (`''`: the whole workspace). */
  dir: string;
  /**
   * Prepended to a path relative to `dir` to make it relative to the plan's own folder, for `files`
   * globs of a plan above the workspace (`packages/web/` when the workspace is that package).
   */
  pathPrefix?: string;
  text?: string;
  /** Why the plan could not be read; reported as `plan-invalid`. */
  readError?: string;
}

export interface CheckInput {
  /** Every source file of the workspace (workspace-relative, `/`-separated). */
  files: readonly string[];
  host: ModuleHost;
  /** Plan files found in or above the workspace; none means zero-config. */
  plans: readonly PlanSource[];
  /** Per-file rule levels from editor settings; they win over the plan's `rules:`. */
  levels?: LevelOverride;
  /** Per-file extraction (core/extract.ts `extractFile`; bundles load it lazily). */
  extract: Extract;
  /** Extract every file in full, without pre-filters (the reference the fast paths must equal). */
  parseEverything?: boolean;
  /**
   * Per-file facts kept between runs (the language server's incremental index): the store for the
   * files of one plan, given the plan's file (`''` for zero-config) and its parsed content. Without
   * it, every run extracts every file afresh.
   */
  storeFor?: (planFile: string, plan: Plan) => FactsStore;
  /** How much work each part does between two yields of `checkWorkspaceSteps` (default: STEP_SIZES). */
  stepSizes?: StepSizes;
}

export interface PlanReport {
  file: string;
  dir: string;
  /** How many source files it governs. */
  files: number;
  problems: number;
}

export interface CheckResult {
  features: FeatureModel[];
  diagnostics: Diagnostic[];
  entryPoints: EntryPoint[];
  trackingCalls: TrackingCall[];
  parseErrors: ParseError[];
  plans: PlanReport[];
}

export function checkWorkspace(input: CheckInput): CheckResult {
  return drain(checkWorkspaceSteps(input));
}

/** `checkWorkspace` in steps (core/steps.ts), for the language server: the same result when drained. */
export function* checkWorkspaceSteps(input: CheckInput): Steps<CheckResult> {
  const result: CheckResult = {
    features: [],
    diagnostics: [],
    entryPoints: [],
    trackingCalls: [],
    parseErrors: [],
    plans: [],
  };
  const groups = assignFiles(input.files, input.plans);
  for (const [i, source] of input.plans.entries()) {
    const { parsed, problems } = loadPlan(source);
    const files = groups.get(i) ?? [];
    result.plans.push({ file: source.file, dir: source.dir, files: files.length, problems: problems.length });
    yield* checkScope(input, files, { source, parsed, problems, plan: parsed.plan }, result);
  }
  const unplanned = groups.get(-1);
  if (unplanned?.length) yield* checkScope(input, unplanned, { plan: emptyPlan(), problems: [] }, result);
  result.features.sort((a, b) => compare(a.key, b.key) || compare(a.planFile ?? '', b.planFile ?? ''));
  // Same place: in the registry's order (discovery, activation, value, …).
  result.diagnostics.sort(
    (a, b) =>
      compare(a.file, b.file) ||
      a.span.startOffset - b.span.startOffset ||
      RULE_IDS.indexOf(a.rule) - RULE_IDS.indexOf(b.rule),
  );
  result.entryPoints.sort(byLocation);
  result.trackingCalls.sort(byLocation);
  result.parseErrors.sort((a, b) => compare(a.file, b.file) || a.line - b.line);
  return result;
}

/** The plan of each file: the one whose folder is the nearest ancestor (-1: none). */
export function assignFiles(files: readonly string[], plans: readonly PlanSource[]): Map<number, string[]> {
  const order = plans.map((p, i) => ({ dir: p.dir, i })).sort((a, b) => b.dir.length - a.dir.length);
  const groups = new Map<number, string[]>();
  for (const file of files) {
    const match = order.find((p) => p.dir === '' || file.startsWith(`${p.dir}/`));
    const key = match ? match.i : -1;
    const list = groups.get(key) ?? [];
    list.push(file);
    groups.set(key, list);
  }
  return groups;
}

function loadPlan(source: PlanSource): { parsed: ParsedPlan; problems: PlanProblem[] } {
  const parsed = parsePlan(source.text ?? '', source.file);
  if (source.readError !== undefined) {
    const span = parsed.spanOf('');
    const message = `cannot read the plan: ${source.readError}`;
    return { parsed, problems: [{ message, line: 1, column: 1, path: '', span }] };
  }
  return { parsed, problems: planProblems(parsed) };
}

interface Scope {
  source?: PlanSource;
  parsed?: ParsedPlan;
  problems: PlanProblem[];
  plan: Plan;
}

function* checkScope(input: CheckInput, files: string[], scope: Scope, result: CheckResult): Steps<void> {
  const { plan, source, parsed } = scope;
  const sizes = input.stepSizes ?? STEP_SIZES;
  const store =
    input.storeFor?.(source?.file ?? '', plan) ??
    new FactsStore(input.host, plan.sdks, {
      extract: input.extract,
      ...(input.parseEverything ? { parseEverything: true } : {}),
    });
  // Computed in steps and applied at once: a check dropped meanwhile leaves the store as it was.
  yield* store.setFilesSteps(files, sizes);
  yield 'files';
  const analysis = yield* linkAnalysisSteps(store, planFlagKeys(plan), sizes);
  yield 'link';
  const resolveModule = (from: string, spec: string) => store.resolveModule(from, spec);
  // Gating follows components into files the scan did not parse (or parsed for their exports only).
  const factsOf = (file: string): FileFacts | undefined => store.full(file);
  const gating = yield* gatingIndexSteps(
    {
      entryPoints: analysis.entryPoints,
      factsOf,
      resolveModule,
      files,
      wordsOf: (file) => store.wordsOf(file),
      parsedFiles: [...analysis.facts.values()].filter((f) => f.gates).map((f) => f.file),
    },
    sizes,
  );
  yield 'gating';
  const planSpans = new Map<string, Span>();
  if (parsed)
    for (const f of plan.features) planSpans.set(f.key, parsed.spanOf(pointer('features', f.key), 'key'));
  const dir = source?.dir ?? '';
  const features = yield* buildFeaturesSteps(
    {
      plan,
      ...(source ? { planFile: source.file, planSpans } : {}),
      planPath: (file) => (source?.pathPrefix ?? '') + (dir ? file.slice(dir.length + 1) : file),
      entryPoints: analysis.entryPoints,
      trackingCalls: analysis.trackingCalls,
      gating,
    },
    sizes,
  );
  yield 'features';
  const ctx: RuleContext = {
    plan,
    ...(source && parsed ? { planFile: source.file, parsed } : {}),
    planProblems: scope.problems,
    features,
    entryPoints: analysis.entryPoints,
    trackingCalls: analysis.trackingCalls,
    insertionPoint: (ep) => insertionPoint(factsOf(ep.file), ep),
  };
  const findings: Finding[] = [];
  let ran = 0;
  for (const rule of RULES) {
    findings.push(...rule.check(ctx));
    if (++ran % sizes.rules === 0) yield 'rules';
  }
  result.diagnostics.push(...applyLevels(findings, plan.rules, input.levels));
  result.features.push(...features);
  result.entryPoints.push(...analysis.entryPoints);
  result.trackingCalls.push(...analysis.trackingCalls);
  result.parseErrors.push(...analysis.parseErrors);
}

/** The start of the code a check gates (after an early return, or the first statement of its branch). */
function insertionPoint(facts: FileFacts | undefined, ep: EntryPoint): number | undefined {
  const entry = facts?.gates?.entries.find(
    (e) => e.start === ep.span.startOffset && e.end === ep.span.endOffset,
  );
  const regions = (entry?.regions ?? []).filter((r) => r.insertAt !== undefined);
  const best = regions.find((r) => r.kind === 'guard') ?? regions.find((r) => r.kind === 'branch');
  return best?.insertAt;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function byLocation<T extends { file: string; span: { startOffset: number } }>(a: T, b: T): number {
  return compare(a.file, b.file) || a.span.startOffset - b.span.startOffset;
}
