// VS Code entry point: thin glue over the language server (DESIGN §6). It starts the server, shows its
// status in the status bar, fills the Features view from `activationLens/features` and registers the
// commands; diagnostics, hovers, code lenses and quick-fixes come from the server through the client.
import * as vscode from 'vscode';
import { type LanguageClient, State } from 'vscode-languageclient/node';
import {
  FeaturesRequest,
  type FeaturesResult,
  SecretRequest,
  type SecretParams,
  StatusNotification,
  type StatusParams,
} from '../../server/src/protocol';
import type { ActivationLensApi } from './api';
import { COMMANDS, registerCommands } from './commands';
import { FEATURES_VIEW, FeaturesTree } from './features/tree';
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

  let latest: StatusParams | undefined;
  languageClient.onDidChangeState(({ newState }) => {
    // A (re)starting server has not analysed anything yet; a failure stays on show until a restart.
    if (newState === State.Starting) {
      latest = undefined;
      status.set({ kind: 'starting' });
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

  context.subscriptions.push(
    output,
    status,
    tree,
    ...registerCommands({ client: languageClient, output, tree, limiter }),
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
  };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
