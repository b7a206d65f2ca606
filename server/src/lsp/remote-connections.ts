// Connections to a folder's remote KPI source, for the language server: the endpoint and key come
// from the client through `activationLens/secret` (the client applies the trust policy and may ask
// the user), never from the plan alone. Live KPI refreshes and "Test KPI Source Connection" call
// remoteConnections() before querying; a refusal is shown as the source's error, and nothing is
// queried. The key arrives sealed to this process (../kpi/remote/sealed.ts) and is opened here.
import type { Connection } from 'vscode-languageserver';
import type { KpiSettings } from '../core/plan/model';
import { clickHouseSettings } from '../kpi/clickhouse/settings';
import type { RemoteConnections } from '../kpi/model';
import { postHogSettings } from '../kpi/posthog/settings';
import type { SecretOpener } from '../kpi/remote/sealed';
import { SecretRequest, type SecretParams, type SecretResult } from '../protocol';

export type RemoteAnswer = { remote: RemoteConnections } | { refused: string };

async function askClient(connection: Connection, params: SecretParams): Promise<SecretResult> {
  try {
    return await connection.sendRequest<SecretResult>(SecretRequest, params);
  } catch {
    // An editor without this request (any LSP client but ours) gives no keys.
    return {
      status: 'refused',
      reason: 'the editor gives no keys to the language server: remote KPI sources are off',
    };
  }
}

/** What computeKpis() needs for the plan's source (`{}` for DuckDB), or why it may not run. */
export async function remoteConnections(
  connection: Connection,
  opener: SecretOpener,
  kpis: KpiSettings,
  folder: string | undefined,
): Promise<RemoteAnswer> {
  const at = { ...(folder ? { folder } : {}), publicKey: opener.publicKey };
  const open = (answer: Extract<SecretResult, { status: 'granted' }>): string | undefined => {
    if (!answer.sealed) return undefined;
    try {
      return opener.open(answer.sealed);
    } catch {
      throw new Error('the key from the editor could not be opened (it was not sealed to this server)');
    }
  };
  if (kpis.source === 'clickhouse') {
    const settings = clickHouseSettings(kpis.sources.clickhouse);
    const answer = await askClient(connection, {
      source: 'clickhouse',
      ...(settings.url ? { endpoint: settings.url } : {}),
      ...at,
    });
    if (answer.status === 'refused') return { refused: answer.reason };
    const password = open(answer);
    return {
      remote: {
        clickhouse: {
          url: answer.endpoint,
          ...(answer.user ? { user: answer.user } : {}),
          ...(password !== undefined ? { password } : {}),
          ...(settings.database ? { database: settings.database } : {}),
        },
      },
    };
  }
  if (kpis.source === 'posthog') {
    const settings = postHogSettings(kpis.sources.posthog);
    if (!settings.projectId) return { refused: 'the plan names no PostHog project (kpis.posthog.projectId)' };
    const answer = await askClient(connection, {
      source: 'posthog',
      ...(settings.host ? { endpoint: settings.host } : {}),
      ...at,
    });
    if (answer.status === 'refused') return { refused: answer.reason };
    const apiKey = open(answer);
    if (!apiKey) {
      return {
        refused: `no PostHog API key for ${answer.endpoint}: run "Activation Lens: Set PostHog API Key"`,
      };
    }
    return {
      remote: { posthog: { host: answer.endpoint, projectId: settings.projectId, apiKey } },
    };
  }
  return { remote: {} };
}
