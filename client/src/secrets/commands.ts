// Commands for the remote KPI sources' keys: save a key together with the endpoint it belongs to
// (SecretStorage), forget keys and this workspace's answers, and test the connection through the
// language server (which asks for the key with `activationLens/secret`, as a refresh does).
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  originOf,
  type RemoteSourceKind,
  TestSourceRequest,
  type TestSourceParams,
  type TestSourceResult,
} from '../../../server/src/protocol';
import type { SecretRecords } from './records';
import { type SourceTrust, userEndpoint } from './trust';

export const SECRET_COMMANDS = {
  setPostHogApiKey: 'activationLens.setPostHogApiKey',
  setClickHousePassword: 'activationLens.setClickHousePassword',
  forgetSourceKeys: 'activationLens.forgetSourceKeys',
  resetSourceTrust: 'activationLens.resetSourceTrust',
  testSourceConnection: 'activationLens.testSourceConnection',
} as const;

const DEFAULT_ENDPOINT: Record<RemoteSourceKind, string> = {
  clickhouse: 'http://localhost:8123',
  posthog: 'https://us.posthog.com',
};

function validUrl(value: string): string | undefined {
  return originOf(value.trim()) ? undefined : 'An http(s) URL, such as https://eu.posthog.com';
}

async function setKey(records: SecretRecords, source: RemoteSourceKind): Promise<boolean> {
  const existing = await records.get(source);
  const service = source === 'posthog' ? 'PostHog' : 'ClickHouse';
  const endpoint = await vscode.window.showInputBox({
    title: `${service}: where the key goes`,
    prompt:
      source === 'posthog'
        ? 'The PostHog instance this personal API key belongs to (https://us.posthog.com, https://eu.posthog.com or your own)'
        : 'The ClickHouse HTTP interface this password belongs to',
    value: existing?.endpoint ?? userEndpoint(source) ?? DEFAULT_ENDPOINT[source],
    validateInput: validUrl,
    ignoreFocusOut: true,
  });
  if (endpoint === undefined) return false;
  let user: string | undefined;
  if (source === 'clickhouse') {
    user = await vscode.window.showInputBox({
      title: 'ClickHouse: user',
      prompt: 'The ClickHouse user the password is for',
      value: existing?.user ?? 'default',
      ignoreFocusOut: true,
    });
    if (user === undefined) return false;
  }
  const secret = await vscode.window.showInputBox({
    title: source === 'posthog' ? 'PostHog: personal API key' : 'ClickHouse: password',
    prompt:
      source === 'posthog'
        ? `A personal API key with query:read for ${endpoint.trim()} (kept in VS Code's secret storage)`
        : `The password of ${user} at ${endpoint.trim()} (kept in VS Code's secret storage)`,
    password: true,
    ignoreFocusOut: true,
    validateInput: (v) => (v ? undefined : 'Enter the key, or press Escape to cancel'),
  });
  if (!secret) return false;
  await records.set(source, { endpoint: endpoint.trim(), secret, ...(user ? { user: user.trim() } : {}) });
  void vscode.window.showInformationMessage(
    `${service} ${source === 'posthog' ? 'API key' : 'password'} saved for ${originOf(endpoint.trim())}. It is sent only there, or where you allow it.`,
  );
  return true;
}

export function registerSecretCommands(deps: {
  client: LanguageClient;
  records: SecretRecords;
  trust: SourceTrust;
}): vscode.Disposable[] {
  const { client, records, trust } = deps;
  return [
    vscode.commands.registerCommand(SECRET_COMMANDS.setPostHogApiKey, () => setKey(records, 'posthog')),
    vscode.commands.registerCommand(SECRET_COMMANDS.setClickHousePassword, () =>
      setKey(records, 'clickhouse'),
    ),
    vscode.commands.registerCommand(SECRET_COMMANDS.forgetSourceKeys, async () => {
      await records.delete('posthog');
      await records.delete('clickhouse');
      void vscode.window.showInformationMessage(
        'Activation Lens forgot the PostHog API key and the ClickHouse password.',
      );
    }),
    vscode.commands.registerCommand(SECRET_COMMANDS.resetSourceTrust, async () => {
      await trust.forgetAnswers();
      void vscode.window.showInformationMessage(
        'Activation Lens will ask again before sending a key to a host named by this workspace.',
      );
    }),
    vscode.commands.registerCommand(
      SECRET_COMMANDS.testSourceConnection,
      async (folder?: vscode.Uri): Promise<TestSourceResult> => {
        const params: TestSourceParams = {};
        const target = folder instanceof vscode.Uri ? folder : vscode.workspace.workspaceFolders?.[0]?.uri;
        if (target) params.folder = target.toString();
        const result = await vscode.window.withProgress(
          { location: vscode.ProgressLocation.Window, title: 'Activation Lens: testing the KPI source' },
          () => client.sendRequest<TestSourceResult>(TestSourceRequest, params),
        );
        const text = `KPI source ${result.source}: ${result.message}`;
        if (result.ok) void vscode.window.showInformationMessage(text);
        else void vscode.window.showErrorMessage(text);
        return result;
      },
    ),
  ];
}
