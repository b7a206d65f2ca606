import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_SETTINGS, flattenSettings, resolveSettings } from '../../server/src/lsp/settings';

interface Declared {
  default: unknown;
  enum?: unknown[];
  description?: string;
  markdownDescription?: string;
}

/** Settings the VS Code client reads itself (vscode-languageclient's trace; the trust policy's hosts). */
const CLIENT_ONLY = new Set(['trace.server', 'clickhouse.url', 'posthog.host']);

const manifest = JSON.parse(fs.readFileSync(path.resolve(__dirname, '..', '..', 'package.json'), 'utf8'));
const declared: Record<string, Declared> = Object.fromEntries(
  Object.entries(manifest.contributes.configuration.properties as Record<string, Declared>).map(([k, v]) => [
    k.replace(/^activationLens\./, ''),
    v,
  ]),
);

describe('settings', () => {
  it('package.json declares exactly the server settings (plus client-only ones), with the same defaults', () => {
    const server = flattenSettings(DEFAULT_SETTINGS);
    const serverKeys = Object.keys(server).sort();
    const declaredKeys = Object.keys(declared)
      .filter((k) => !CLIENT_ONLY.has(k))
      .sort();
    assert.deepEqual(declaredKeys, serverKeys);
    for (const key of serverKeys) assert.deepEqual(declared[key]!.default, server[key], key);
  });

  it('every declared setting has a description, and enum defaults are allowed values', () => {
    for (const [key, decl] of Object.entries(declared)) {
      assert.ok(decl.description || decl.markdownDescription, `${key} needs a description`);
      if (decl.enum) assert.ok(decl.enum.includes(decl.default), key);
    }
  });

  it('keeps only well-typed values from the client and falls back to defaults otherwise', () => {
    const s = resolveSettings({
      enable: 'yes',
      rules: { 'missing-value': 'error', 'event-naming': 'loud' },
      codeLens: { enable: false },
    });
    assert.equal(s.enable, true);
    assert.equal(s.rules['missing-value'], 'error');
    assert.equal(s.rules['event-naming'], 'default');
    assert.equal(s.codeLens.enable, false);
    assert.deepEqual(resolveSettings(null), DEFAULT_SETTINGS);
  });
});
