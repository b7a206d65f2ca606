// The language server's side of live KPIs: one KpiService for the workspace, its cache in the
// editor's storage, the requests and notification of the protocol, and the hooks that hovers,
// lenses, the Features view and diagnostics read the values through.
import * as path from 'node:path';
import type { Connection, InitializeParams } from 'vscode-languageserver';
import { assignFiles } from '../../core/check';
import type { FeatureModel } from '../../core/features/types';
import type { Diagnostic, LevelOverride } from '../../core/rules/types';
import type { TrackingCall } from '../../core/types';
import {
  DashboardRequest,
  type DashboardData,
  type FeatureSummary,
  KpiStatusNotification,
  type KpiStatusParams,
  RefreshKpisRequest,
} from '../../protocol';
import type { FolderIndex } from '../folder-index';
import type { ServerSettings } from '../settings';
import { uriToPath } from '../uris';
import { defaultCacheDir, KpiCache } from './cache';
import { headline } from './figures';
import { eventActivitySection, featureKpiSection } from './hover-section';
import type { LiveJob } from '../../kpi/live/compute-live';
import type { LiveKpis } from '../../kpi/live/result';
import { SecretOpener } from '../../kpi/remote/sealed';
import { remoteConnections } from '../remote-connections';
import { registerTestSource } from '../test-source';
import { KpiJobError, type RunOptions, runLiveJob } from './runner';
import { KpiService } from './service';
import { dashboardData, featureKpiSummary } from './views';

/** Changes arriving together (several scopes, start and end of a run) are published once. */
const COALESCE_MS = 50;

export interface EditorKpisDeps {
  folders(): readonly FolderIndex[];
  settingsOf(uri: string): ServerSettings;
  /** Republish a folder's diagnostics and the lenses: live values changed. */
  republish(): void;
}

export class EditorKpis {
  private service: KpiService | undefined;
  private pending: NodeJS.Timeout | undefined;
  /** Keys from the editor arrive sealed to this process. */
  private readonly opener = new SecretOpener();

  constructor(
    private readonly connection: Connection,
    private readonly deps: EditorKpisDeps,
  ) {
    registerTestSource(connection, this.opener, () => deps.folders());
    connection.onRequest(RefreshKpisRequest, async (): Promise<KpiStatusParams> => {
      return this.service ? this.service.refresh() : { state: 'off', scopes: [] };
    });
    connection.onRequest(DashboardRequest, (): DashboardData =>
      dashboardData(this.service?.views() ?? [], (uri) => path.basename(uriToPath(uri) ?? uri)),
    );
  }

  /** Starts the service with its cache: the editor's storage for the workspace, else the user's cache. */
  initialize(params: InitializeParams, roots: readonly string[]): void {
    const options = params.initializationOptions as { storagePath?: unknown } | undefined;
    const dir =
      typeof options?.storagePath === 'string' && options.storagePath
        ? path.join(options.storagePath, 'kpis')
        : defaultCacheDir(roots);
    this.service = new KpiService(
      new KpiCache(dir),
      {
        info: (message) => this.connection.console.info(message),
        error: (message) => this.connection.console.error(message),
        changed: () => this.changed(),
      },
      (job, options) => this.runWithKeys(job, options),
    );
  }

  /**
   * Runs a job in the worker; a remote source first gets its endpoint and key from the editor
   * (`activationLens/secret`, the trust policy). A refusal fails the job before anything is queried.
   */
  private async runWithKeys(job: LiveJob, options: RunOptions): Promise<LiveKpis> {
    if (job.settings.source === 'duckdb') return runLiveJob(job, options);
    const answer = await remoteConnections(this.connection, this.opener, job.settings, options.folder);
    if ('refused' in answer) throw new KpiJobError(answer.refused, true);
    return runLiveJob({ ...job, remote: answer.remote }, options);
  }

  /** After a folder's check: its KPI scopes follow the features and settings. */
  update(folder: FolderIndex): void {
    this.service?.update(folder, this.deps.settingsOf(folder.uri).kpis);
  }

  status(): KpiStatusParams {
    return this.service?.status() ?? { state: 'off', scopes: [] };
  }

  diagnostics(folder: FolderIndex, levels: LevelOverride): Diagnostic[] {
    return this.service?.diagnostics(folder.uri, levels) ?? [];
  }

  /** The feature card's KPI section (undefined: the plan names no KPI source). */
  featureSection(folder: FolderIndex, f: FeatureModel): string | undefined {
    const s = this.service;
    if (!s) return undefined;
    return featureKpiSection(
      s.view(folder.uri, f.planFile),
      s.configured(folder.uri, f.planFile),
      f,
      Date.now(),
    );
  }

  eventSection(folder: FolderIndex, call: TrackingCall): string | undefined {
    if (call.event === null || !this.service) return undefined;
    const index = [...assignFiles([call.file], folder.planSources).keys()][0] ?? -1;
    const plan = folder.planSources[index]?.file;
    return eventActivitySection(this.service.view(folder.uri, plan), call.event, Date.now());
  }

  /** The lens's KPI words for a feature. */
  lensText(folder: FolderIndex, f: FeatureModel): string | undefined {
    const view = this.service?.view(folder.uri, f.planFile);
    const kpis = view?.snapshot.kpis.result.features[f.key];
    if (!view || !kpis || kpis.discoveryFrom === 'none') return undefined;
    return `${headline(kpis)}${view.stale ? ' (stale)' : ''}`;
  }

  /** The Features view's summaries with each feature's KPIs added. */
  withKpis(folder: FolderIndex, summaries: FeatureSummary[]): FeatureSummary[] {
    const features = folder.result?.features ?? [];
    return summaries.map((summary, i) => {
      const f = features[i];
      const kpis = f && featureKpiSummary(this.service?.view(folder.uri, f.planFile), f.key);
      return kpis ? { ...summary, kpis } : summary;
    });
  }

  dispose(): void {
    if (this.pending) clearTimeout(this.pending);
    this.service?.dispose();
    this.service = undefined;
  }

  private changed(): void {
    if (this.pending) return;
    this.pending = setTimeout(() => {
      this.pending = undefined;
      this.deps.republish();
      void this.connection.sendNotification(KpiStatusNotification, this.status());
    }, COALESCE_MS);
  }
}
