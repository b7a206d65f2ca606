// Live KPIs for the language server: one scope per plan with a KPI source. Each scope computes off
// the analysis path (a child process, ./runner.ts) on start, on an interval, when its event files
// change and on request; keeps the last good values (from the disk cache at first) for hovers and
// lenses, which only ever read them; and when the source fails keeps those values marked stale,
// reports the error once and retries with backoff.
import { applyLevels } from '../../core/rules';
import type { Diagnostic, LevelOverride } from '../../core/rules/types';
import type { KpiScopeStatus, KpiStatusParams } from '../../protocol';
import { retryDelay } from './backoff';
import type { KpiCache, Snapshot } from './cache';
import { type RunOptions, runLiveJob } from './runner';
import { type FolderView, type ScopeInput, scopeInputs } from './scope-input';
import { watchEventFiles, type Watch } from './watch';
import { liveRuleFindings } from '../../kpi/live/live-rules';
import type { LiveKpis } from '../../kpi/live/result';
import type { LiveJob } from '../../kpi/live/compute-live';

/** Event files written in bursts settle this long before a refresh. */
export const FILE_DEBOUNCE_MS = 400;
/** Edits that change a feature's events (typing) settle this long before a refresh. */
export const JOB_DEBOUNCE_MS = 1500;
/** A query that takes longer is stopped. */
export const JOB_TIMEOUT_MS = 10 * 60_000;

export interface KpiServiceSettings {
  enable: boolean;
  /** Seconds; 0 turns the interval off. */
  refreshInterval: number;
  /** ISO 8601 as-of time, or '' for now. */
  asOf: string;
}

export interface KpiServiceHost {
  info(message: string): void;
  error(message: string): void;
  /** Values or states changed: republish what shows them. */
  changed(): void;
}

/** What hovers, lenses and views read of a scope. */
export interface ScopeView {
  input: ScopeInput;
  snapshot: Snapshot;
  stale: boolean;
  error?: string;
  fromCache: boolean;
}

interface Scope {
  input: ScopeInput;
  snapshot?: Snapshot;
  fromCache: boolean;
  computedThisSession: boolean;
  running?: Promise<void>;
  /** The job key of the computation under way. */
  runningKey?: string;
  again: boolean;
  error?: string;
  /** The error last written to the log: the same error is reported once. */
  reported?: string;
  failures: number;
  retry?: NodeJS.Timeout;
  debounce?: NodeJS.Timeout;
  interval?: NodeJS.Timeout;
  intervalMs: number;
  watch?: Watch;
  watchKey?: string;
  abort?: AbortController;
}

export type JobRunner = (job: LiveJob, options: RunOptions) => Promise<LiveKpis>;

export class KpiService {
  private readonly scopes = new Map<string, Scope>();
  private disposed = false;

  constructor(
    private readonly cache: KpiCache | undefined,
    private readonly host: KpiServiceHost,
    private readonly run: JobRunner = runLiveJob,
  ) {}

  /** After each check of a folder: its scopes, their inputs, watches and timers follow. */
  update(folder: FolderView, settings: KpiServiceSettings): void {
    if (this.disposed) return;
    const inputs = settings.enable ? scopeInputs(folder, settings.asOf || undefined) : [];
    const keys = new Set(inputs.map((i) => i.key));
    let changed = false;
    for (const [key, scope] of this.scopes) {
      if (scope.input.folderUri !== folder.uri || keys.has(key)) continue;
      this.stop(scope);
      this.scopes.delete(key);
      changed = true;
    }
    for (const input of inputs) {
      let scope = this.scopes.get(input.key);
      if (!scope) {
        const cached = this.cache?.read(input.key);
        scope = {
          input,
          fromCache: cached !== undefined,
          computedThisSession: false,
          again: false,
          failures: 0,
          intervalMs: 0,
        };
        if (cached) scope.snapshot = cached;
        this.scopes.set(input.key, scope);
        changed = true;
      }
      scope.input = input;
      this.arm(scope, settings);
      if (scope.running) {
        // The computation under way has older inputs: another follows it.
        if (scope.runningKey !== input.jobKey) scope.again = true;
      } else if (!scope.computedThisSession) {
        void this.compute(scope);
      } else if (scope.error === undefined && scope.snapshot?.jobKey !== input.jobKey) {
        // (A failing source is retried on its backoff, with the latest inputs.)
        this.later(scope, JOB_DEBOUNCE_MS);
      }
    }
    if (changed) this.host.changed();
  }

  /** Recomputes every scope now; resolves when all are done (failures included). */
  async refresh(): Promise<KpiStatusParams> {
    await Promise.all([...this.scopes.values()].map((s) => this.compute(s)));
    return this.status();
  }

  /** The scope of a plan in a folder, when it has values to show. */
  view(folderUri: string, planFile: string | undefined): ScopeView | undefined {
    if (planFile === undefined) return undefined;
    const scope = this.scopes.get(`${folderUri}#${planFile}`);
    if (!scope?.snapshot) return undefined;
    const view: ScopeView = {
      input: scope.input,
      snapshot: scope.snapshot,
      stale: scope.error !== undefined,
      fromCache: scope.fromCache,
    };
    if (scope.error !== undefined) view.error = scope.error;
    return view;
  }

  /** Every scope with values, for the dashboard. */
  views(): ScopeView[] {
    return [...this.scopes.values()]
      .map((s) => this.view(s.input.folderUri, s.input.planFile))
      .filter((v): v is ScopeView => v !== undefined);
  }

  /** Whether a plan has a KPI source at all (for "no source configured" texts). */
  configured(
    folderUri: string,
    planFile: string | undefined,
  ): { computing: boolean; error?: string } | undefined {
    const scope = planFile === undefined ? undefined : this.scopes.get(`${folderUri}#${planFile}`);
    if (!scope) return undefined;
    return { computing: scope.running !== undefined, ...(scope.error ? { error: scope.error } : {}) };
  }

  status(): KpiStatusParams {
    const scopes: KpiScopeStatus[] = [...this.scopes.values()].map((s) => {
      const st: KpiScopeStatus = {
        folder: s.input.folderUri,
        planFile: s.input.planFile,
        source: s.input.sourceText,
        computing: s.running !== undefined,
        fromCache: s.fromCache,
        stale: s.error !== undefined,
      };
      if (s.snapshot) {
        st.computedAt = s.snapshot.computedAt;
        st.asOf = s.snapshot.kpis.result.asOf;
      }
      if (s.error !== undefined) st.error = s.error;
      return st;
    });
    const state: KpiStatusParams['state'] =
      scopes.length === 0
        ? 'off'
        : scopes.some((s) => s.stale)
          ? 'stale'
          : scopes.every((s) => s.computedAt)
            ? 'ready'
            : 'computing';
    return { state, scopes };
  }

  /** Live-rule diagnostics of a folder's scopes, with their levels applied. */
  diagnostics(folderUri: string, levels?: LevelOverride): Diagnostic[] {
    const out: Diagnostic[] = [];
    for (const scope of this.scopes.values()) {
      if (scope.input.folderUri !== folderUri || !scope.snapshot) continue;
      const { input, snapshot } = scope;
      const findings = liveRuleFindings(input, snapshot.kpis);
      out.push(...applyLevels(findings, input.plan.rules, levels));
    }
    return out;
  }

  dispose(): void {
    this.disposed = true;
    for (const scope of this.scopes.values()) this.stop(scope);
    this.scopes.clear();
  }

  private arm(scope: Scope, settings: KpiServiceSettings): void {
    const { job } = scope.input;
    const watchKey =
      job.settings.source === 'duckdb' ? JSON.stringify([job.settings.events, job.baseDir]) : undefined;
    if (watchKey !== scope.watchKey) {
      scope.watch?.close();
      scope.watch = undefined;
      scope.watchKey = watchKey;
      if (watchKey !== undefined) {
        scope.watch = watchEventFiles(
          job.settings.events,
          job.baseDir,
          () => this.later(scope, FILE_DEBOUNCE_MS),
          (message) => this.host.info(`KPIs: ${message}`),
        );
      }
    }
    const intervalMs = Math.max(0, settings.refreshInterval) * 1000;
    if (intervalMs !== scope.intervalMs) {
      if (scope.interval) clearInterval(scope.interval);
      scope.interval = undefined;
      scope.intervalMs = intervalMs;
      if (intervalMs > 0) {
        scope.interval = setInterval(() => void this.compute(scope), intervalMs);
        scope.interval.unref();
      }
    }
  }

  /** A refresh after `ms`, restarted by each new trigger within it. */
  private later(scope: Scope, ms: number): void {
    if (scope.debounce) clearTimeout(scope.debounce);
    scope.debounce = setTimeout(() => {
      scope.debounce = undefined;
      void this.compute(scope);
    }, ms);
  }

  private compute(scope: Scope): Promise<void> {
    if (this.disposed || this.scopes.get(scope.input.key) !== scope) return Promise.resolve();
    if (scope.running) {
      scope.again = true;
      return scope.running;
    }
    if (scope.retry) clearTimeout(scope.retry);
    scope.retry = undefined;
    scope.running = this.loop(scope).finally(() => {
      scope.running = undefined;
      if (!this.disposed) this.host.changed();
    });
    this.host.changed();
    return scope.running;
  }

  private async loop(scope: Scope): Promise<void> {
    do {
      scope.again = false;
      if (scope.retry) clearTimeout(scope.retry);
      scope.retry = undefined;
      const input = scope.input;
      scope.runningKey = input.jobKey;
      scope.abort = new AbortController();
      try {
        const kpis = await this.run(input.job, {
          timeoutMs: JOB_TIMEOUT_MS,
          signal: scope.abort.signal,
          folder: input.folderUri,
        });
        if (this.disposed) return;
        scope.snapshot = {
          kpis,
          computedAt: new Date().toISOString(),
          jobKey: input.jobKey,
          sourceText: input.sourceText,
        };
        scope.fromCache = false;
        scope.computedThisSession = true;
        if (scope.error !== undefined)
          this.host.info(`KPIs for ${input.planFile}: the source answers again.`);
        scope.error = undefined;
        scope.reported = undefined;
        scope.failures = 0;
        this.save(scope);
      } catch (error) {
        if (this.disposed) return;
        const message = error instanceof Error ? error.message : String(error);
        scope.computedThisSession = true;
        scope.failures++;
        scope.error = message;
        const delay = retryDelay(scope.failures, scope.intervalMs || undefined);
        if (scope.reported !== message) {
          scope.reported = message;
          this.host.error(
            `KPIs for ${input.planFile} (${input.sourceText}) failed: ${message}. ${scope.snapshot ? 'Showing the last values, marked stale. ' : ''}Retrying with backoff (next in ${Math.round(delay / 1000)} s).`,
          );
        }
        if (!scope.again) {
          scope.retry = setTimeout(() => void this.compute(scope), delay);
          scope.retry.unref();
        }
      } finally {
        scope.abort = undefined;
        scope.runningKey = undefined;
      }
    } while (scope.again && !this.disposed);
  }

  private save(scope: Scope): void {
    if (!this.cache || !scope.snapshot) return;
    try {
      this.cache.write(scope.input.key, scope.snapshot);
    } catch (error) {
      this.host.info(`KPIs: cannot write the cache in ${this.cache.dir}: ${(error as Error).message}`);
    }
  }

  private stop(scope: Scope): void {
    for (const timer of [scope.retry, scope.debounce]) if (timer) clearTimeout(timer);
    if (scope.interval) clearInterval(scope.interval);
    scope.watch?.close();
    scope.abort?.abort();
  }
}
