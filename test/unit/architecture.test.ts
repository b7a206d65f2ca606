import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { ESLint } from 'eslint';

const REPO = path.resolve(__dirname, '..', '..');

async function ruleIds(file: string, code: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: REPO });
  const [result] = await eslint.lintText(code, { filePath: path.join(REPO, file) });
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

describe('architecture lint rules', () => {
  it('forbid editor, LSP and file-system imports in server/src/core', async () => {
    const ids = await ruleIds(
      'server/src/core/types.ts',
      `import * as vscode from 'vscode';\nimport { createConnection } from 'vscode-languageserver/node';\nimport * as fs from 'node:fs';\nexport const x = [vscode, createConnection, fs];\n`,
    );
    assert.deepEqual(ids.sort(), [
      '@typescript-eslint/no-restricted-imports',
      '@typescript-eslint/no-restricted-imports',
      'no-restricted-imports',
    ]);
  });

  it('let the client import only the protocol module of the server', async () => {
    const ids = await ruleIds(
      'client/src/extension.ts',
      `import { x } from '../../server/src/core/scan';\nimport { y } from '../../server/src/protocol';\nexport const z = [x, y];\n`,
    );
    assert.deepEqual(ids, ['@typescript-eslint/no-restricted-imports']);
  });

  it('reject floating promises', async () => {
    const ids = await ruleIds(
      'server/src/cli/options.ts',
      `async function f() {}\nexport function g() {\n  f();\n}\n`,
    );
    assert.deepEqual(ids, ['@typescript-eslint/no-floating-promises']);
  });
});
