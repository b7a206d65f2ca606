// Where a remote KPI source may be queried, and whether its key (a PostHog personal API key, a
// ClickHouse password) may go along: the trust policy, as a pure function. No imports, so
// protocol.ts re-exports it for the VS Code client, and the CLI applies the same rules.
//
// - The host a key is sent to comes from the user: their own settings (never a workspace's), or
//   the record stored with the key when they saved it. A workspace's plan alone never decides it.
// - A plan naming another host (origin: scheme, host and port) needs the user's explicit answer,
//   remembered per workspace; declining is remembered too.
// - In an untrusted workspace (VS Code Workspace Trust) no remote source is queried at all.
// - Without a key there is nothing to leak: the plan's endpoint is used as it is.

export type RemoteSourceKind = 'clickhouse' | 'posthog';

export interface TrustInput {
  source: RemoteSourceKind;
  workspaceTrusted: boolean;
  /** The endpoint the workspace's plan names (`kpis.clickhouse.url`, `kpis.posthog.host`). */
  planEndpoint?: string;
  /** The endpoint in the user's own settings (application scope: never from a workspace). */
  userEndpoint?: string;
  /** The endpoint stored with the key when the user saved it. */
  secretEndpoint?: string;
  /** Whether there is a key to send. */
  hasSecret: boolean;
  /** The user's remembered answers for this workspace, by origin. */
  remembered?: Record<string, TrustAnswer>;
}

export type TrustAnswer = 'allow' | 'deny';

export type TrustDecision =
  /** Query `endpoint`; send the key only when `sendSecret`. */
  | { action: 'connect'; endpoint: string; sendSecret: boolean; because: string }
  /** Ask the user whether the key may go to `endpoint` (then call answerTrust). */
  | { action: 'ask'; endpoint: string; origin: string; trustedOrigin?: string; question: string }
  | { action: 'refuse'; reason: string };

const NAMES: Record<RemoteSourceKind, { service: string; key: string }> = {
  clickhouse: { service: 'ClickHouse', key: 'ClickHouse password' },
  posthog: { service: 'PostHog', key: 'PostHog API key' },
};

/** `scheme://host:port` of an http(s) URL (default ports made explicit), else null. */
export function originOf(endpoint: string): string | null {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  return `${url.protocol}//${url.hostname.toLowerCase()}:${port}`;
}

export function decideTrust(input: TrustInput): TrustDecision {
  const names = NAMES[input.source];
  if (!input.workspaceTrusted) {
    return {
      action: 'refuse',
      reason: `${names.service} is not queried in an untrusted workspace (Workspace Trust): remote KPI sources are off`,
    };
  }
  for (const [what, endpoint] of [
    ['the plan', input.planEndpoint],
    ['your settings', input.userEndpoint],
    ['the stored key', input.secretEndpoint],
  ] as const) {
    if (endpoint !== undefined && originOf(endpoint) === null) {
      return {
        action: 'refuse',
        reason: `the ${names.service} endpoint in ${what} is not an http(s) URL: ${endpoint}`,
      };
    }
  }
  const trusted = input.userEndpoint ?? input.secretEndpoint;
  const because = input.userEndpoint !== undefined ? 'your settings' : 'the stored key';
  if (input.planEndpoint === undefined) {
    if (trusted === undefined) {
      return {
        action: 'refuse',
        reason: `no ${names.service} endpoint: set one in your user settings or when you save the ${names.key}`,
      };
    }
    return { action: 'connect', endpoint: trusted, sendSecret: input.hasSecret, because };
  }
  const origin = originOf(input.planEndpoint)!;
  const trustedOrigin = trusted === undefined ? undefined : originOf(trusted)!;
  if (origin === trustedOrigin) {
    return { action: 'connect', endpoint: input.planEndpoint, sendSecret: input.hasSecret, because };
  }
  if (!input.hasSecret) {
    return { action: 'connect', endpoint: input.planEndpoint, sendSecret: false, because: 'no key is sent' };
  }
  const answer = input.remembered?.[origin];
  if (answer === 'allow') {
    return { action: 'connect', endpoint: input.planEndpoint, sendSecret: true, because: 'your answer' };
  }
  if (answer === 'deny') {
    return {
      action: 'refuse',
      reason: `you declined to send your ${names.key} to ${origin} for this workspace`,
    };
  }
  const yours = trustedOrigin ? ` (yours is for ${trustedOrigin})` : '';
  return {
    action: 'ask',
    endpoint: input.planEndpoint,
    origin,
    ...(trustedOrigin ? { trustedOrigin } : {}),
    question: `This workspace's plan sends ${names.service} queries to ${origin}. Send your ${names.key} there${yours}?`,
  };
}

/** The decision once the user answered an `ask`; the caller remembers `answer` for `ask.origin`. */
export function answerTrust(
  source: RemoteSourceKind,
  ask: Extract<TrustDecision, { action: 'ask' }>,
  answer: TrustAnswer | undefined,
): TrustDecision {
  if (answer === 'allow') {
    return { action: 'connect', endpoint: ask.endpoint, sendSecret: true, because: 'your answer' };
  }
  const what = NAMES[source].key;
  return {
    action: 'refuse',
    reason:
      answer === 'deny'
        ? `you declined to send your ${what} to ${ask.origin} for this workspace`
        : `your ${what} was not sent to ${ask.origin}: the question was not answered`,
  };
}
