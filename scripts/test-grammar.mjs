// Runs the TextMate grammar snapshot tests (vscode-tmgrammar-snap) on test/fixtures/grammar/.
// An injection grammar needs the grammars it injects into: we use VS Code's own JS/TS grammars as
// packaged by `tm-grammars` (copied from VS Code's repository, so they work offline), plus this
// extension's `contributes.grammars` read from package.json, so the test covers the real
// contribution (injectTo included). Extra arguments pass through: `-- --updateSnapshot` rewrites
// the .snap files (review the diff before committing).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';

const repo = path.resolve(import.meta.dirname, '..');
const require = createRequire(import.meta.url);
const manifest = JSON.parse(fs.readFileSync(path.join(repo, 'package.json'), 'utf8'));

const baseGrammars = [
  { language: 'typescript', extension: '.ts', scopeName: 'source.ts', file: 'typescript.json' },
  { language: 'typescriptreact', extension: '.tsx', scopeName: 'source.tsx', file: 'tsx.json' },
  { language: 'javascript', extension: '.js', scopeName: 'source.js', file: 'javascript.json' },
  { language: 'javascriptreact', extension: '.jsx', scopeName: 'source.js.jsx', file: 'jsx.json' },
];

// vscode-tmgrammar-test resolves grammar paths relative to the configuration file.
const configDir = fs.mkdtempSync(path.join(os.tmpdir(), 'activation-lens-grammar-'));
const rel = (file) => path.relative(configDir, file);
const config = {
  contributes: {
    languages: baseGrammars.map((g) => ({ id: g.language, extensions: [g.extension] })),
    grammars: [
      ...baseGrammars.map((g) => ({
        language: g.language,
        scopeName: g.scopeName,
        path: rel(require.resolve(`tm-grammars/grammars/${g.file}`)),
      })),
      ...manifest.contributes.grammars.map((g) => ({ ...g, path: rel(path.join(repo, g.path)) })),
    ],
  },
};
const configFile = path.join(configDir, 'package.json');
fs.writeFileSync(configFile, JSON.stringify(config, null, 2));

const bin = path.join(
  path.dirname(require.resolve('vscode-tmgrammar-test/package.json')),
  'dist',
  'snapshot.js',
);
const result = spawnSync(
  process.execPath,
  [bin, '--config', configFile, 'test/fixtures/grammar/*.{ts,tsx,js,jsx}', ...process.argv.slice(2)],
  { cwd: repo, stdio: 'inherit' },
);
fs.rmSync(configDir, { recursive: true, force: true });
process.exit(result.status ?? 1);
