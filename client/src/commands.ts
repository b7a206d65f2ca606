// The extension's commands (declared in package.json `contributes.commands`, with their palette
// `when` clauses and view menus there).
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  type KpiStatusParams,
  RefreshKpisRequest,
  RescanRequest,
  type StatusParams,
} from '../../server/src/protocol';
import type { DashboardPanel } from './dashboard/panel';
import type { FeatureNode } from './features/nodes';
import { type FeaturesTree, openCommand } from './features/tree';
import { createPlan, CREATE_PLAN_COMMAND, openPlanFile } from './plan';
import type { CrashLimiter } from './restartPolicy';

export const COMMANDS = {
  showOutput: 'activationLens.showOutput',
  rescan: 'activationLens.rescan',
  restartServer: 'activationLens.restartServer',
  openPlan: 'activationLens.openPlan',
  createPlan: CREATE_PLAN_COMMAND,
  refreshFeatures: 'activationLens.refreshFeatures',
  showGapsOnly: 'activationLens.showGapsOnly',
  showAllFeatures: 'activationLens.showAllFeatures',
  /** Run by the server's code lenses with a feature key. */
  revealFeature: 'activationLens.revealFeature',
  openFeatureInPlan: 'activationLens.openFeatureInPlan',
  refreshKpis: 'activationLens.refreshKpis',
  openDashboard: 'activationLens.openDashboard',
} as const;

export interface CommandDeps {
  client: LanguageClient;
  output: vscode.LogOutputChannel;
  tree: FeaturesTree;
  limiter: CrashLimiter;
  dashboard: DashboardPanel;
}

export function registerCommands({
  client,
  output,
  tree,
  limiter,
  dashboard,
}: CommandDeps): vscode.Disposable[] {
  const register = (id: string, run: (...args: never[]) => unknown) =>
    vscode.commands.registerCommand(id, run);
  return [
    register(COMMANDS.showOutput, () => output.show(true)),
    register(COMMANDS.rescan, () =>
      vscode.window.withProgress(
        { location: vscode.ProgressLocation.Window, title: 'Activation Lens: re-scanning the workspace' },
        () => client.sendRequest<StatusParams>(RescanRequest),
      ),
    ),
    register(COMMANDS.restartServer, async () => {
      limiter.reset();
      output.info('Restarting the language server.');
      await client.restart();
    }),
    register(COMMANDS.openPlan, () => openPlanFile()),
    register(COMMANDS.createPlan, (folder?: vscode.Uri, options?: { force?: boolean }) =>
      createPlan(client, folder instanceof vscode.Uri ? folder : undefined, options),
    ),
    register(COMMANDS.refreshFeatures, () => tree.refresh()),
    register(COMMANDS.showGapsOnly, () => tree.setGapsOnly(true)),
    register(COMMANDS.showAllFeatures, () => tree.setGapsOnly(false)),
    register(COMMANDS.revealFeature, (key?: string) => (typeof key === 'string' ? tree.reveal(key) : false)),
    register(COMMANDS.refreshKpis, () =>
      vscode.window.withProgress(
        { location: vscode.ProgressLocation.Window, title: 'Activation Lens: refreshing KPIs' },
        () => client.sendRequest<KpiStatusParams>(RefreshKpisRequest),
      ),
    ),
    register(COMMANDS.openDashboard, () => dashboard.open()),
    register(COMMANDS.openFeatureInPlan, async (node?: FeatureNode) => {
      if (!node?.planLocation) return;
      const open = openCommand(node.planLocation);
      await vscode.commands.executeCommand(open.command, ...(open.arguments ?? []));
    }),
  ];
}
