// Custom messages between the language server and its clients (the VS Code client imports only this
// file from the server). Everything here is plain, serialisable data; method names are namespaced.

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
