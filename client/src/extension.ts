// VS Code entry point: thin glue over the language server (DESIGN §6). It starts the server, shows its
// status in the status bar, fills the Features view from `activationLens/features` and registers the
// commands; diagnostics, hovers, code lenses and quick-fixes come from the server through the client.
import * as vscode from 'vscode';
import { type LanguageClient, State } from 'vscode-languageclient/node';
import {
  DashboardRequest,
  type DashboardData,
  FeaturesRequest,
  type FeaturesResult,
  KpiStatusNotification,
  type KpiStatusParams,
  SecretRequest,
  type SecretParams,
  StatusNotification,
  type StatusParams,
} from '../../server/src/protocol';
import type { ActivationLensApi } from './api';
import { COMMANDS, registerCommands } from './commands';
import { DashboardPanel } from './dashboard/panel';
import { FEATURES_VIEW, FeaturesTree } from './features/tree';
import { KpiStatusItem } from './kpis/kpiStatus';
import { createLanguageClient } from './languageClient';
import { CrashLimiter } from './restartPolicy';
import { registerSecretCommands } from './secrets/commands';
import { SecretRecords } from './secrets/records';
import { SourceTrust } from './secrets/trust';
import { StatusItem } from './status';

let client: LanguageClient | undefined;

export function activate(context: vscode.ExtensionContext): ActivationLensApi {
  const output = vscode.window.createOutputChannel('Activation Lens', { log: true });
  const status = new StatusItem({ features: `${FEATURES_VIEW}.focus`, output: COMMANDS.showOutput });
  const limiter = new CrashLimiter();
  const languageClient = createLanguageClient(context, output, limiter, {
    onGaveUp: (reason) => {
      status.set({ kind: 'failed', reason });
      output.error(`Not restarting the language server: ${reason}.`);
      const restart = 'Restart';
      const show = 'Show Output';
      void vscode.window
        .showErrorMessage(`Activation Lens: ${reason}.`, restart, show)
        .then((answer) =>
          answer === restart
            ? vscode.commands.executeCommand(COMMANDS.restartServer)
            : answer === show
              ? vscode.commands.executeCommand(COMMANDS.showOutput)
              : undefined,
        );
    },
  });
  client = languageClient;
  const tree = new FeaturesTree(
    async () => (await languageClient.sendRequest<FeaturesResult>(FeaturesRequest, {})).features,
    context.workspaceState,
    output,
  );

  const kpiStatus = new KpiStatusItem(COMMANDS.refreshKpis);
  const dashboard = new DashboardPanel({
    extensionUri: context.extensionUri,
    fetch: () => languageClient.sendRequest<DashboardData>(DashboardRequest),
    refreshKpis: () => vscode.commands.executeCommand(COMMANDS.refreshKpis),
    reveal: (feature) => vscode.commands.executeCommand(COMMANDS.revealFeature, feature),
    log: output,
  });

  let latest: StatusParams | undefined;
  languageClient.onDidChangeState(({ newState }) => {
    // A (re)starting server has not analysed anything yet; a failure stays on show until a restart.
    if (newState === State.Starting) {
      latest = undefined;
      status.set({ kind: 'starting' });
      kpiStatus.set({ state: 'off', scopes: [] });
    }
  });
  const kpiWaiters: { accept: (s: KpiStatusParams) => boolean; resolve: (s: KpiStatusParams) => void }[] = [];
  languageClient.onNotification(KpiStatusNotification, (params: KpiStatusParams) => {
    kpiStatus.set(params);
    // New values: the views that show them follow.
    void tree.refresh();
    void dashboard.update();
    for (const waiter of kpiWaiters.splice(0)) {
      if (waiter.accept(params)) waiter.resolve(params);
      else kpiWaiters.push(waiter);
    }
  });
  const readyWaiters: ((status: StatusParams) => void)[] = [];
  languageClient.onNotification(StatusNotification, (params: StatusParams) => {
    latest = params;
    if (params.state === 'indexing') {
      status.set({ kind: 'indexing' });
      return;
    }
    status.set({ kind: 'ready', features: params.features, gaps: params.gaps, files: params.files });
    void tree.refresh();
    for (const resolve of readyWaiters.splice(0)) resolve(params);
  });

  // The server obtains a remote source's key only through this request, which applies the trust policy.
  const records = new SecretRecords(context.secrets);
  const trust = new SourceTrust(records, context.workspaceState, output);
  languageClient.onRequest(SecretRequest, (params: SecretParams) => trust.resolve(params));
  // Remote sources refused in Restricted Mode may be queried once the user trusts the folder.
  context.subscriptions.push(
    vscode.workspace.onDidGrantWorkspaceTrust(
      () => void vscode.commands.executeCommand(COMMANDS.refreshKpis),
    ),
  );

  context.subscriptions.push(
    output,
    status,
    tree,
    kpiStatus,
    dashboard,
    ...registerCommands({ client: languageClient, output, tree, limiter, dashboard }),
    ...registerSecretCommands({ client: languageClient, records, trust }),
  );
  const version = (context.extension.packageJSON as { version?: string }).version ?? 'unknown';
  const folders = (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.fsPath);
  output.info(`Activation Lens ${version} activated for ${folders.join(', ') || 'no folder'}`);
  languageClient.start().catch((error: unknown) => {
    const reason = error instanceof Error ? error.message : String(error);
    status.set({ kind: 'failed', reason });
    output.error(`The language server did not start: ${reason}`);
  });

  return {
    status: () => latest,
    whenReady: () =>
      latest?.state === 'ready'
        ? Promise.resolve(latest)
        : new Promise((resolve) => readyWaiters.push(resolve)),
    statusBarText: () => status.text,
    featuresView: {
      items: () => tree.snapshot(),
      selection: () => tree.selection(),
      gapsOnly: () => tree.isGapsOnly(),
    },
    kpis: {
      status: () => kpiStatus.status,
      when: (accept) =>
        accept(kpiStatus.status)
          ? Promise.resolve(kpiStatus.status)
          : new Promise((resolve) => kpiWaiters.push({ accept, resolve })),
      statusBarText: () => kpiStatus.text,
      dashboardData: () => dashboard.data,
    },
  };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
