// Custom messages between the language server and its clients (the VS Code client imports only this
// file from the server). Everything here is plain, serialisable data; method names are namespaced.

import type { KpiSourceKind } from './kpi/result';
import type { SealedSecret } from './kpi/remote/sealed';
import type { RemoteSourceKind } from './kpi/trust';
export { sealSecret, type SealedSecret } from './kpi/remote/sealed';

export const PROTOCOL_VERSION = 1;

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
