// The trust policy (server/src/kpi/trust.ts): where a remote source's key may be sent.
import { strict as assert } from 'node:assert';
import { answerTrust, decideTrust, originOf, type TrustInput } from '../../../server/src/kpi/trust';

const base: TrustInput = { source: 'posthog', workspaceTrusted: true, hasSecret: true };

describe('trust policy for remote KPI sources', () => {
  it('queries nothing in an untrusted workspace, whatever the plan and settings say', () => {
    const d = decideTrust({ ...base, workspaceTrusted: false, userEndpoint: 'https://eu.posthog.com' });
    assert.equal(d.action, 'refuse');
    assert.match((d as { reason: string }).reason, /untrusted workspace/);
  });

  it('sends the key to the host of the user’s settings, else to the host stored with the key', () => {
    assert.deepEqual(
      decideTrust({ ...base, userEndpoint: 'https://eu.posthog.com', secretEndpoint: 'https://x.io' }),
      {
        action: 'connect',
        endpoint: 'https://eu.posthog.com',
        sendSecret: true,
        because: 'your settings',
      },
    );
    assert.deepEqual(decideTrust({ ...base, secretEndpoint: 'https://ph.example.com' }), {
      action: 'connect',
      endpoint: 'https://ph.example.com',
      sendSecret: true,
      because: 'the stored key',
    });
  });

  it('takes the plan’s endpoint when it is the trusted origin (its path included)', () => {
    const d = decideTrust({
      ...base,
      planEndpoint: 'https://PH.example.com:443/base',
      secretEndpoint: 'https://ph.example.com',
    });
    assert.deepEqual(d, {
      action: 'connect',
      endpoint: 'https://PH.example.com:443/base',
      sendSecret: true,
      because: 'the stored key',
    });
  });

  it('asks before sending the key to a host only the plan names, and follows the remembered answer', () => {
    const input = {
      ...base,
      planEndpoint: 'http://evil.example:8080',
      secretEndpoint: 'https://ph.example.com',
    };
    const ask = decideTrust(input);
    assert.equal(ask.action, 'ask');
    if (ask.action !== 'ask') return;
    assert.equal(ask.origin, 'http://evil.example:8080');
    assert.equal(ask.trustedOrigin, 'https://ph.example.com:443');
    assert.match(
      ask.question,
      /Send your PostHog API key there \(yours is for https:\/\/ph\.example\.com:443\)\?/,
    );
    assert.equal(
      decideTrust({ ...input, remembered: { 'http://evil.example:8080': 'allow' } }).action,
      'connect',
    );
    const denied = decideTrust({ ...input, remembered: { 'http://evil.example:8080': 'deny' } });
    assert.equal(denied.action, 'refuse');
    // An answer for another origin does not count.
    assert.equal(decideTrust({ ...input, remembered: { 'http://evil.example:80': 'allow' } }).action, 'ask');
    assert.deepEqual(answerTrust('posthog', ask, 'allow'), {
      action: 'connect',
      endpoint: 'http://evil.example:8080',
      sendSecret: true,
      because: 'your answer',
    });
    assert.equal(answerTrust('posthog', ask, undefined).action, 'refuse');
    assert.equal(answerTrust('posthog', ask, 'deny').action, 'refuse');
  });

  it('treats scheme and port as part of the host: http is not https, :8443 is not :443', () => {
    for (const plan of ['http://ph.example.com', 'https://ph.example.com:8443']) {
      assert.equal(
        decideTrust({ ...base, planEndpoint: plan, secretEndpoint: 'https://ph.example.com' }).action,
        'ask',
        plan,
      );
    }
    assert.equal(originOf('https://ph.example.com'), originOf('https://PH.example.com:443/x?y'));
    assert.equal(originOf('file:///etc/passwd'), null);
    assert.equal(originOf('not a url'), null);
  });

  it('uses the plan’s endpoint without asking when there is no key to send', () => {
    assert.deepEqual(
      decideTrust({ ...base, source: 'clickhouse', hasSecret: false, planEndpoint: 'http://ch:8123' }),
      {
        action: 'connect',
        endpoint: 'http://ch:8123',
        sendSecret: false,
        because: 'no key is sent',
      },
    );
  });

  it('refuses endpoints that are not http(s) and the absence of any endpoint', () => {
    assert.equal(decideTrust({ ...base, planEndpoint: 'ftp://x' }).action, 'refuse');
    assert.equal(decideTrust({ ...base, userEndpoint: 'javascript:alert(1)' }).action, 'refuse');
    const none = decideTrust({ ...base, source: 'clickhouse' });
    assert.equal(none.action, 'refuse');
    assert.match((none as { reason: string }).reason, /no ClickHouse endpoint/);
  });
});
