// `activationLens/testSource`: connect to a folder's KPI source the way a refresh does and say what
// answered (the "Test KPI Source Connection" command).
import * as path from 'node:path';
import type { Connection } from 'vscode-languageserver';
import { ClickHouseClient } from '../kpi/clickhouse/client';
import { PostHogClient } from '../kpi/posthog/client';
import { displayUrl } from '../kpi/remote/redact';
import type { SecretOpener } from '../kpi/remote/sealed';
import { TestSourceRequest, type TestSourceParams, type TestSourceResult } from '../protocol';
import { PLAN_FILE, readPlan } from '../workspace/plan';
import { remoteConnections } from './remote-connections';

export function registerTestSource(
  connection: Connection,
  opener: SecretOpener,
  folders: () => readonly { root: string; uri: string }[],
): void {
  connection.onRequest(
    TestSourceRequest,
    async (params: TestSourceParams | undefined): Promise<TestSourceResult> => {
      const all = folders();
      const folder = (params?.folder ? all.find((f) => f.uri === params.folder) : undefined) ?? all[0];
      if (!folder) return { ok: false, source: 'duckdb', message: 'no workspace folder is open' };
      const kpis = readPlan(path.join(folder.root, PLAN_FILE)).kpis;
      const source = kpis.source;
      if (source === 'duckdb') {
        return {
          ok: true,
          source,
          message: 'the KPI source is DuckDB over local files: nothing to connect to',
        };
      }
      const answer = await remoteConnections(connection, opener, kpis, folder.uri);
      if ('refused' in answer) return { ok: false, source, message: answer.refused };
      try {
        if (answer.remote.clickhouse) {
          const client = new ClickHouseClient(answer.remote.clickhouse);
          const r = await client.query('SELECT version() AS version');
          return {
            ok: true,
            source,
            message: `connected to ClickHouse ${String(r.data[0]?.version)} at ${client.displayUrl}`,
          };
        }
        if (answer.remote.posthog) {
          const p = answer.remote.posthog;
          await new PostHogClient(p).hogql('SELECT 1');
          return {
            ok: true,
            source,
            message: `connected to PostHog project ${p.projectId} at ${displayUrl(p.host)}`,
          };
        }
      } catch (error) {
        // Remote errors are redacted where they are made (kpi/remote).
        return { ok: false, source, message: error instanceof Error ? error.message : String(error) };
      }
      return { ok: false, source, message: 'no connection' };
    },
  );
}
