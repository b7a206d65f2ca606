// What `activate()` returns: a small API for other extensions and for the editor tests, which read the
// Features view and the status through it instead of scraping the screen.
import type { DashboardData, KpiStatusParams, StatusParams } from '../../server/src/protocol';

/** A tree item as the Features view renders it. */
export interface TreeItemSnapshot {
  label: string;
  description?: string;
  tooltip?: string;
  /** Codicon id. */
  icon?: string;
  /** What a click runs. */
  command?: { command: string; arguments: unknown[] };
  children: TreeItemSnapshot[];
}

export interface ActivationLensApi {
  /** The latest `activationLens/status` from the server, if any. */
  status(): StatusParams | undefined;
  /** Resolves with the status once the server has published an analysis (`ready`). */
  whenReady(): Promise<StatusParams>;
  /** The status bar item's text. */
  statusBarText(): string;
  featuresView: {
    /** The items the view shows (after any refresh in flight), children included. */
    items(): Promise<TreeItemSnapshot[]>;
    /** Labels of the selected items. */
    selection(): string[];
    gapsOnly(): boolean;
  };
  kpis: {
    /** The latest `activationLens/kpiStatus`. */
    status(): KpiStatusParams;
    /** Resolves with the first KPI status (the current one included) that `accept` takes. */
    when(accept: (status: KpiStatusParams) => boolean): Promise<KpiStatusParams>;
    /** The KPI status bar item's text (undefined while hidden). */
    statusBarText(): string | undefined;
    /** The data the dashboard last rendered (undefined: never opened). */
    dashboardData(): DashboardData | undefined;
  };
}
