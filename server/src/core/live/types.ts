// The KPI data the live rules and target checks read, as plain data. Core imports nothing of the KPI
// engine: these are the engine's result types seen structurally (a `KpiResult` and its live figures
// fit them as they are).

export interface DurationFigures {
  p50: number | null;
  p90: number | null;
  reach: number | null;
  n: number;
  converted: number;
}

export interface FeatureFigures {
  discovered: number;
  activated: number;
  valued: number;
  activationRate: number | null;
  activationMature: number;
  ittv: DurationFigures;
  sttv: DurationFigures;
  ttbv: DurationFigures;
  adoptionRate: number | null;
  adoptionMature: number;
  rptu: {
    all: number | null;
    trialUsers: number;
    lift: number | null;
    activatedTrialUsers: number;
    notActivatedTrialUsers: number;
  };
}

export interface FeatureActivity {
  /** Users with a discovery in the last 28 days. */
  discoveredRecently: number;
  /** Users who sent an activation event at all, and those with no discovery at or before it. */
  activatedAny: number;
  activatedWithoutDiscovery: number;
}

export interface EventFigures {
  last28d: number;
  lastSeen: string | null;
}

/** One KPI computation for the features of one plan. */
export interface LiveData {
  /** ISO 8601. */
  asOf: string;
  features: Record<string, FeatureFigures>;
  /** Absent when the source gives the KPIs only. */
  live?: {
    features: Record<string, FeatureActivity>;
    events: Record<string, EventFigures>;
  };
}
