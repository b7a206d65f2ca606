// Custom messages between the language server and its clients (the VS Code client imports only this
// file from the server). Everything here is plain, serialisable data; method names are namespaced.

import type { DailyPoint, HistogramBin } from './kpi/live/result';
import type { FeatureKpis, KpiSourceKind } from './kpi/result';
import type { SealedSecret } from './kpi/remote/sealed';
import type { RemoteSourceKind } from './kpi/trust';
export { sealSecret, type SealedSecret } from './kpi/remote/sealed';

export const PROTOCOL_VERSION = 1;

/**
 * How the VS Code client starts the server process (and the benchmark, to measure what ships). Its
 * peak memory is a target, and these settings can only be made when the process starts:
 * - a young generation of at most 2 x 4 MB (V8's default grows to 2 x 16 MB under the garbage of
 *   parsing, and V8 adds its size to the old generation's limit too): ~30 MB lower peak for ~15% more
 *   CPU per edit. Started without it, the server keeps the young generation at 2 x 1 MB instead
 *   (server/src/lsp/main.ts).
 * - one malloc arena (glibc; ignored elsewhere): memory that V8's compiler threads and the scan
 *   worker freed is not held in arenas of their own (~20 MB at 2 arenas, ~10 MB more at 1, with no
 *   measurable CPU cost).
 * - malloc blocks of 64 kB and more mapped on their own (glibc; ignored elsewhere), so that freeing
 *   one gives its memory back: by default glibc raises that threshold to the largest block freed so
 *   far (up to 32 MB), after which large buffers (files read, the scan worker's messages, the parser's
 *   code cache) come from the arena and leave holes it cannot give back. Measured on the 10,000-file
 *   benchmark's development build: peak ~35 MB lower cold (the scan worker's buffers were left
 *   behind) and ~20 MB warm; on the production build (smaller bundles) a few MB and a narrower spread.
 */
export const SERVER_PROCESS = {
  execArgv: ['--max-semi-space-size=4'],
  env: { MALLOC_ARENA_MAX: '1', MALLOC_MMAP_THRESHOLD_: '65536' },
} as const;

/** A location as a URI and a 0-based LSP range. */
export interface ProtocolLocation {
  uri: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
}

export type MilestoneName = 'discovery' | 'activation' | 'value';

export interface LinkedEventSummary {
  event: string;
  /** Why the event counts for the feature: plan, gated-branch, same-function, name, property, exposure. */
  via: string;
  location?: ProtocolLocation;
}

export interface EntryPointSummary {
  sdk: string;
  callee: string;
  location: ProtocolLocation;
}

export interface FeatureSummary {
  key: string;
  entryPoints: EntryPointSummary[];
  milestones: Record<MilestoneName, LinkedEventSummary[]>;
  missing: MilestoneName[];
  /** The feature's entry in the plan file, when it has one. */
  planLocation?: ProtocolLocation;
  /** Its live KPIs, when its plan names a KPI source and values have been computed. */
  kpis?: FeatureKpiSummary;
}

/** `activationLens/features`: the Features view's data for one workspace folder, or all. */
export const FeaturesRequest = 'activationLens/features';
export interface FeaturesParams {
  /** A workspace folder URI; all folders when omitted. */
  folder?: string;
}
export interface FeaturesResult {
  features: FeatureSummary[];
}

/** `activationLens/status`: sent whenever indexing starts or a new analysis is published. */
export const StatusNotification = 'activationLens/status';
export interface StatusParams {
  state: 'indexing' | 'ready';
  features: number;
  /** Missing milestones over all features. */
  gaps: number;
  files: number;
}

/** `activationLens/rescan`: re-list and re-analyse every workspace folder from disk. */
export const RescanRequest = 'activationLens/rescan';

/**
 * `activationLens/createPlan`: drafts the folder's plan file from the features found in its code
 * (what `activation-lens init` does). Without `force` an existing plan is left alone (`exists`); with
 * it, the features and events found are added to it and everything it says is kept.
 */
export const CreatePlanRequest = 'activationLens/createPlan';
export interface CreatePlanParams {
  /** A workspace folder URI. */
  folder: string;
  force?: boolean;
}
export type CreatePlanResult =
  | { status: 'exists'; uri: string }
  | { status: 'invalid'; uri: string; message: string }
  | { status: 'written'; uri: string; created: boolean; features: number; gaps: number };

// ---- Live KPIs ---------------------------------------------------------------------------------

export type { DurationKpi, FeatureKpis, KpiResult, RptuKpi } from './kpi/result';
export type { DailyPoint, HistogramBin } from './kpi/live/result';

/** The KPIs of one plan of one workspace folder. */
export interface KpiScopeStatus {
  /** The workspace folder URI. */
  folder: string;
  /** The plan file, workspace-relative. */
  planFile: string;
  /** `duckdb · events/*.ndjson`. */
  source: string;
  computing: boolean;
  /** ISO 8601: when the values shown were computed (absent: none yet). */
  computedAt?: string;
  /** ISO 8601 as-of time of the values shown. */
  asOf?: string;
  /** The values shown come from the disk cache of an earlier session. */
  fromCache: boolean;
  /** The last computation failed: the values shown (if any) are older. */
  stale: boolean;
  error?: string;
}

/**
 * `activationLens/kpiStatus`: sent whenever KPIs start computing, arrive or fail. `off`: no plan
 * names a KPI source; `stale`: a source failed (see the scopes' errors).
 */
export const KpiStatusNotification = 'activationLens/kpiStatus';
export interface KpiStatusParams {
  state: 'off' | 'computing' | 'ready' | 'stale';
  scopes: KpiScopeStatus[];
}

/** `activationLens/refreshKpis`: recompute every plan's KPIs now; answers when done. */
export const RefreshKpisRequest = 'activationLens/refreshKpis';

/** A KPI against its plan target. */
export interface TargetSummary {
  /** `activation rate`, `STTV p50`. */
  label: string;
  actualText: string;
  /** `≥ 40.0%`. */
  targetText: string;
  /** null: no population yet. */
  met: boolean | null;
  kind: 'rate' | 'duration' | 'money';
  target: number;
  actual: number | null;
}

/** What the Features view shows of a feature's KPIs. */
export interface FeatureKpiSummary {
  /** `activation 41% · STTV p50 3h 12m` (the code lens's words). */
  headline: string;
  /** Labelled figures: `Activation rate` → `52.3% of 1,659 mature users`. */
  figures: { label: string; value: string }[];
  targets: TargetSummary[];
  stale: boolean;
  /** ISO 8601. */
  asOf: string;
  computedAt: string;
}

/** `activationLens/dashboard`: the data of the KPI dashboard, every plan with KPIs. */
export const DashboardRequest = 'activationLens/dashboard';

export interface DashboardFeature {
  key: string;
  /** How discovery is measured: events, flag exposures, both, or nothing. */
  discoveryFrom: FeatureKpis['discoveryFrom'];
  kpis: FeatureKpis;
  /** Formatted like the hover card: label, value, window. */
  figures: { label: string; value: string }[];
  targets: TargetSummary[];
  daily: DailyPoint[];
  ittvHistogram: HistogramBin[];
  sttvHistogram: HistogramBin[];
}

export interface DashboardScope {
  folder: string;
  /** The workspace folder's name. */
  folderName: string;
  planFile: string;
  source: string;
  asOf: string;
  computedAt: string;
  latestEvent: string | null;
  stale: boolean;
  error?: string;
  windows: { activation: string; ittv: string; sttv: string; ttbv: string; adoption: string; rptu: string };
  features: DashboardFeature[];
}

export interface DashboardData {
  scopes: DashboardScope[];
  /** Set when no plan names a KPI source, or none has values yet. */
  message?: string;
}

// ---- Remote KPI sources: keys and trust --------------------------------------------------------

export {
  answerTrust,
  decideTrust,
  originOf,
  type RemoteSourceKind,
  type TrustAnswer,
  type TrustDecision,
  type TrustInput,
} from './kpi/trust';

/**
 * `activationLens/secret` (server → client): the endpoint to query for a folder's remote KPI source
 * and the key to send there. The client decides with the trust policy (kpi/trust.ts): the host
 * comes from the user's settings or the key's stored record, a host only the plan names needs the
 * user's remembered answer, and an untrusted workspace gets a refusal. The server sends the key to
 * the returned `endpoint` only, never to the plan's own if they differ. The key comes back sealed
 * to the server's `publicKey` (kpi/remote/sealed.ts): a traced connection logs every message.
 */
export const SecretRequest = 'activationLens/secret';
export interface SecretParams {
  source: RemoteSourceKind;
  /** The endpoint the folder's plan names (`kpis.clickhouse.url`, `kpis.posthog.host`), if any. */
  endpoint?: string;
  /** The workspace folder URI whose plan it is. */
  folder?: string;
  /** The server process's X25519 public key (base64 SPKI) the key is sealed to. */
  publicKey: string;
}
export type SecretResult =
  /** Query `endpoint`, with the sealed key (absent: none stored, or it may not go there) and `user` (ClickHouse). */
  | { status: 'granted'; endpoint: string; sealed?: SealedSecret; user?: string }
  | { status: 'refused'; reason: string };

/**
 * `activationLens/testSource` (client → server): connect to the folder's KPI source as a refresh
 * would (asking `activationLens/secret` for a remote one) and report what answered.
 */
export const TestSourceRequest = 'activationLens/testSource';
export interface TestSourceParams {
  /** A workspace folder URI (default: the first). */
  folder?: string;
}
export interface TestSourceResult {
  ok: boolean;
  source: KpiSourceKind;
  message: string;
}
