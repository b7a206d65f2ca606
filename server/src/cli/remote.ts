// Remote KPI sources from the command line: endpoints from flags, environment variables or the
// plan, keys ONLY from environment variables, and the trust policy (../kpi/trust.ts) deciding
// whether a key may go to an endpoint. A CLI run cannot ask, so where the editor would ask, the
// CLI refuses and says how to confirm the host: by giving it as a flag or environment variable.
import type { ClickHouseConnection } from '../kpi/clickhouse/client';
import type { ClickHouseSettings } from '../kpi/clickhouse/settings';
import type { PostHogConnection } from '../kpi/posthog/client';
import { DEFAULT_POSTHOG_HOST, type PostHogSettings } from '../kpi/posthog/settings';
import type { Trace } from '../kpi/remote/http';
import { displayUrl, Redactor } from '../kpi/remote/redact';
import { decideTrust, originOf } from '../kpi/trust';
import { UsageError } from './errors';

export const ENV = {
  clickhouseUrl: 'ACTIVATION_LENS_CLICKHOUSE_URL',
  clickhouseUser: 'ACTIVATION_LENS_CLICKHOUSE_USER',
  clickhousePassword: 'ACTIVATION_LENS_CLICKHOUSE_PASSWORD',
  posthogKey: 'ACTIVATION_LENS_POSTHOG_API_KEY',
  posthogHost: 'ACTIVATION_LENS_POSTHOG_HOST',
  posthogProject: 'ACTIVATION_LENS_POSTHOG_PROJECT_ID',
  trace: 'ACTIVATION_LENS_TRACE',
} as const;

type Env = Record<string, string | undefined>;

function env(e: Env, name: string): string | undefined {
  const v = e[name];
  return v === undefined || v === '' ? undefined : v;
}

/** A redactor for every secret the environment holds, for messages that did not come through a source. */
export function secretsRedactor(e: Env): Redactor {
  return new Redactor(
    [env(e, ENV.clickhousePassword), env(e, ENV.posthogKey)],
    [env(e, ENV.clickhouseUser) ?? 'default'],
  );
}

/** Trace lines on stderr, when `--trace` or ACTIVATION_LENS_TRACE is on (already redacted). */
export function traceFrom(flag: boolean | undefined, e: Env): Trace | undefined {
  const on = flag || /^(1|true|yes|on)$/i.test(e[ENV.trace] ?? '');
  return on ? (line) => process.stderr.write(`[trace] ${line}\n`) : undefined;
}

interface Endpoint {
  endpoint: string;
  sendSecret: boolean;
  /** A note for stderr (the plan's endpoint was overridden). */
  note?: string;
}

function resolveEndpoint(args: {
  service: string;
  flag: string;
  envName: string;
  keyEnv: string;
  user?: string;
  plan?: string;
  fallback?: string;
  hasSecret: boolean;
}): Endpoint {
  const { service, flag, envName, keyEnv } = args;
  if (args.user !== undefined && originOf(args.user) === null) {
    throw new UsageError(`${flag} must be an http(s) URL (got ${args.user})`);
  }
  // A URL the user gives (flag or environment) overrides the plan's, as --events overrides kpis.events.
  const planEndpoint = args.user === undefined ? args.plan : undefined;
  const decision = decideTrust({
    source: service === 'ClickHouse' ? 'clickhouse' : 'posthog',
    workspaceTrusted: true,
    ...(planEndpoint !== undefined ? { planEndpoint } : {}),
    ...(args.user !== undefined
      ? { userEndpoint: args.user }
      : args.plan === undefined && args.fallback !== undefined
        ? { userEndpoint: args.fallback }
        : {}),
    hasSecret: args.hasSecret,
  });
  if (decision.action === 'refuse') {
    throw new UsageError(`${decision.reason} (pass ${flag} URL or set ${envName})`);
  }
  if (decision.action === 'ask') {
    throw new UsageError(
      `the plan names ${service} at ${decision.origin}; ${keyEnv} is sent only to a host you give: ` +
        `pass ${flag} ${displayUrl(decision.endpoint)} or set ${envName} to confirm it`,
    );
  }
  const out: Endpoint = { endpoint: decision.endpoint, sendSecret: decision.sendSecret };
  if (args.user !== undefined && args.plan !== undefined && originOf(args.plan) !== originOf(args.user)) {
    out.note = `using ${service} at ${displayUrl(args.user)}, not the plan's ${displayUrl(args.plan)}`;
  }
  return out;
}

export function clickHouseConnection(
  settings: ClickHouseSettings,
  opts: { clickhouseUrl?: string; table?: string },
  e: Env,
  trace?: Trace,
): { connection: ClickHouseConnection & { table?: string }; note?: string } {
  const password = env(e, ENV.clickhousePassword);
  const user = env(e, ENV.clickhouseUser);
  const resolved = resolveEndpoint({
    service: 'ClickHouse',
    flag: '--clickhouse-url',
    envName: ENV.clickhouseUrl,
    keyEnv: ENV.clickhousePassword,
    user: opts.clickhouseUrl ?? env(e, ENV.clickhouseUrl),
    plan: settings.url,
    hasSecret: password !== undefined,
  });
  const connection: ClickHouseConnection & { table?: string } = { url: resolved.endpoint };
  if (user !== undefined) connection.user = user;
  if (resolved.sendSecret && password !== undefined) connection.password = password;
  if (settings.database) connection.database = settings.database;
  if (opts.table) connection.table = opts.table;
  if (trace) connection.trace = trace;
  return { connection, ...(resolved.note ? { note: resolved.note } : {}) };
}

export function postHogConnection(
  settings: PostHogSettings,
  opts: { posthogHost?: string; posthogProject?: string },
  e: Env,
  trace?: Trace,
): { connection: PostHogConnection; note?: string } {
  const apiKey = env(e, ENV.posthogKey);
  if (apiKey === undefined) {
    throw new UsageError(`the PostHog source needs a personal API key in ${ENV.posthogKey}`);
  }
  const projectId = opts.posthogProject ?? env(e, ENV.posthogProject) ?? settings.projectId;
  if (projectId === undefined) {
    throw new UsageError(
      `no PostHog project: set kpis.posthog.projectId in the plan, --posthog-project or ${ENV.posthogProject}`,
    );
  }
  const resolved = resolveEndpoint({
    service: 'PostHog',
    flag: '--posthog-host',
    envName: ENV.posthogHost,
    keyEnv: ENV.posthogKey,
    user: opts.posthogHost ?? env(e, ENV.posthogHost),
    plan: settings.host,
    fallback: DEFAULT_POSTHOG_HOST,
    hasSecret: true,
  });
  const connection: PostHogConnection = { host: resolved.endpoint, projectId, apiKey };
  if (trace) connection.trace = trace;
  return { connection, ...(resolved.note ? { note: resolved.note } : {}) };
}
