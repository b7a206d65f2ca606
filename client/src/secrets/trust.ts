// The client's side of `activationLens/secret`: the trust policy (server/src/kpi/trust.ts) applied
// with what only the editor knows — Workspace Trust, the user's own settings (never a workspace's:
// the endpoint settings are application-scoped and only their user value is read), the key's stored
// record, and the user's answers, asked once per workspace and host and remembered in workspace state.
import * as vscode from 'vscode';
import {
  answerTrust,
  decideTrust,
  originOf,
  type RemoteSourceKind,
  sealSecret,
  type SecretParams,
  type SecretResult,
  type TrustAnswer,
  type TrustDecision,
} from '../../../server/src/protocol';
import type { SecretRecords } from './records';

/** The user settings naming each source's endpoint. */
export const ENDPOINT_SETTINGS: Record<RemoteSourceKind, string> = {
  clickhouse: 'clickhouse.url',
  posthog: 'posthog.host',
};

const ANSWERS_KEY = 'activationLens.trustAnswers';
type Answers = Partial<Record<RemoteSourceKind, Record<string, TrustAnswer>>>;

export const ALLOW = 'Allow';
export const DENY = "Don't Allow";

/** The endpoint from the user's settings only (user and application values, never a workspace's). */
export function userEndpoint(source: RemoteSourceKind): string | undefined {
  const value = vscode.workspace
    .getConfiguration('activationLens')
    .inspect<string>(ENDPOINT_SETTINGS[source])?.globalValue;
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

export class SourceTrust {
  /** Questions on screen, so that concurrent requests for the same host ask once. */
  private readonly asking = new Map<string, Promise<TrustAnswer | undefined>>();
  /**
   * Questions dismissed without an answer this session: not asked again on every refresh (a
   * failing source is retried with backoff); "Reset KPI Source Permissions" asks again.
   */
  private readonly dismissed = new Set<string>();

  constructor(
    private readonly records: SecretRecords,
    private readonly state: vscode.Memento,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  answers(): Answers {
    return this.state.get<Answers>(ANSWERS_KEY) ?? {};
  }

  async forgetAnswers(): Promise<void> {
    this.dismissed.clear();
    await this.state.update(ANSWERS_KEY, undefined);
  }

  /** Handles `activationLens/secret`. The key leaves the client only in a `granted` answer. */
  async resolve(params: SecretParams): Promise<SecretResult> {
    const { source } = params;
    const record = await this.records.get(source);
    const input = {
      source,
      workspaceTrusted: vscode.workspace.isTrusted,
      hasSecret: record !== undefined,
      remembered: this.answers()[source] ?? {},
      ...(params.endpoint !== undefined ? { planEndpoint: params.endpoint } : {}),
      ...(userEndpoint(source) !== undefined ? { userEndpoint: userEndpoint(source)! } : {}),
      ...(record ? { secretEndpoint: record.endpoint } : {}),
    };
    let decision: TrustDecision = decideTrust(input);
    if (decision.action === 'ask') {
      const ask = decision;
      const key = `${source} ${ask.origin}`;
      const answer = this.dismissed.has(key) ? undefined : await this.ask(source, ask.origin, ask.question);
      if (answer) await this.remember(source, ask.origin, answer);
      else this.dismissed.add(key);
      decision = answerTrust(source, ask, answer);
    }
    if (decision.action !== 'connect') {
      const reason = decision.action === 'refuse' ? decision.reason : 'the question was not answered';
      this.log.warn(`KPI source ${source}: ${reason}`);
      return { status: 'refused', reason };
    }
    this.log.info(
      `KPI source ${source}: ${originOf(decision.endpoint) ?? 'an endpoint'} (${decision.sendSecret ? 'with' : 'without'} the key; ${decision.because})`,
    );
    return {
      status: 'granted',
      endpoint: decision.endpoint,
      // Sealed to the server process: with tracing on, this answer is written to the output channel.
      ...(decision.sendSecret && record ? { sealed: sealSecret(record.secret, params.publicKey) } : {}),
      ...(record?.user ? { user: record.user } : {}),
    };
  }

  private ask(source: RemoteSourceKind, origin: string, question: string): Promise<TrustAnswer | undefined> {
    const key = `${source} ${origin}`;
    let pending = this.asking.get(key);
    if (!pending) {
      pending = Promise.resolve(
        vscode.window.showWarningMessage(
          question,
          {
            modal: true,
            detail:
              'The host comes from activation-lens.yaml in this workspace, not from your settings. Your answer is remembered for this workspace ("Reset KPI Source Permissions" forgets it).',
          },
          ALLOW,
          DENY,
        ),
      ).then(
        (picked) => (picked === ALLOW ? 'allow' : picked === DENY ? 'deny' : undefined),
        (error: unknown) => {
          // The workbench may refuse to show a dialog (it does while extension tests run).
          this.log.warn(`The question about ${origin} could not be shown: ${String(error)}`);
          return undefined;
        },
      );
      this.asking.set(key, pending);
      void pending.finally(() => this.asking.delete(key));
    }
    return pending;
  }

  private async remember(source: RemoteSourceKind, origin: string, answer: TrustAnswer): Promise<void> {
    const all = this.answers();
    all[source] = { ...all[source], [origin]: answer };
    await this.state.update(ANSWERS_KEY, all);
  }
}
