// Starts the language server (dist/server.js, over Node IPC) with vscode-languageclient: which
// documents it serves, which files it hears about, where it logs, and how often it may crash before
// the client stops restarting it.
import * as vscode from 'vscode';
import {
  CloseAction,
  type CloseHandlerResult,
  ErrorAction,
  type ErrorHandlerResult,
  LanguageClient,
  type LanguageClientOptions,
  RevealOutputChannelOn,
  type ServerOptions,
  TransportKind,
} from 'vscode-languageclient/node';
import { SERVER_PROCESS } from '../../server/src/protocol';
import { CrashLimiter } from './restartPolicy';

/** The client id: vscode-languageclient reads the `activationLens.trace.server` setting by it. */
export const CLIENT_ID = 'activationLens';

const SOURCE_LANGUAGES = ['typescript', 'typescriptreact', 'javascript', 'javascriptreact'];
const PLAN_GLOB = '**/activation-lens.{yaml,yml,json}';
/** Files whose changes on disk the server needs: sources, plans, module resolution, ignore rules. */
const WATCHED = [
  '**/*.{ts,tsx,js,jsx,mjs,cjs,mts,cts}',
  PLAN_GLOB,
  '**/{tsconfig,jsconfig}.json',
  '**/.gitignore',
];

export interface ClientEvents {
  /** The server stopped too often: the client no longer restarts it. */
  onGaveUp(reason: string): void;
}

export function createLanguageClient(
  context: vscode.ExtensionContext,
  output: vscode.LogOutputChannel,
  limiter: CrashLimiter,
  events: ClientEvents,
): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  // vscode-languageclient adds these to the extension host's environment.
  const env = { ...SERVER_PROCESS.env };
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc, options: { execArgv: [...SERVER_PROCESS.execArgv], env } },
    debug: {
      module,
      transport: TransportKind.ipc,
      options: { execArgv: [...SERVER_PROCESS.execArgv, '--nolazy', '--inspect=6009'], env },
    },
  };
  const watchers = WATCHED.map((glob) => vscode.workspace.createFileSystemWatcher(glob));
  context.subscriptions.push(...watchers);
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      ...SOURCE_LANGUAGES.map((language) => ({ scheme: 'file', language })),
      { scheme: 'file', pattern: PLAN_GLOB },
    ],
    synchronize: { fileEvents: watchers },
    outputChannel: output,
    revealOutputChannelOn: RevealOutputChannelOn.Never,
    diagnosticCollectionName: 'activationLens',
    // The KPI cache lives in VS Code's storage for this workspace, never in the repository.
    initializationOptions: { storagePath: (context.storageUri ?? context.globalStorageUri).fsPath },
    errorHandler: {
      // Write errors pile up when the server process dies with messages in flight (the count is the
      // connection's lifetime total): shutting down on them would stop the client for good instead of
      // letting `closed` restart it, as happened once in CI. Whether to go on is decided when the
      // connection closes, by the crash limiter; the errors are logged without a notification.
      error: (): ErrorHandlerResult => ({ action: ErrorAction.Continue, handled: true }),
      closed: (): CloseHandlerResult => {
        if (limiter.crashed()) {
          output.warn(
            `The language server stopped; restarting it (${limiter.recent} of ${limiter.maxRestarts} restarts allowed in ${limiter.windowMs / 60_000} minutes).`,
          );
          return { action: CloseAction.Restart, handled: true };
        }
        const reason = `the language server stopped ${limiter.recent} times in ${limiter.windowMs / 60_000} minutes`;
        events.onGaveUp(reason);
        return { action: CloseAction.DoNotRestart, handled: true };
      },
    },
  };
  return new LanguageClient(CLIENT_ID, 'Activation Lens', serverOptions, clientOptions);
}
