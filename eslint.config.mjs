// Lint rules that carry the architecture (DESIGN §6): the core stays pure and the client only talks
// to the server through the protocol module.
import tseslint from 'typescript-eslint';

const lspOrEditorModules = [
  { name: 'vscode', message: 'server/src/core is pure: no editor APIs.' },
  { name: 'vscode-languageserver', message: 'server/src/core is pure: no LSP imports.' },
  { name: 'vscode-languageserver-protocol', message: 'server/src/core is pure: no LSP imports.' },
  { name: 'vscode-languageserver-textdocument', message: 'server/src/core is pure: no LSP imports.' },
  { name: 'vscode-languageclient', message: 'server/src/core is pure: no LSP imports.' },
];

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'dist/**',
      'out/**',
      'test/fixtures/**',
      'examples/**',
      'test-results/**',
      'test/e2e/code-server/**',
      'bin/**',
      '.bench/**',
      '.vscode-test/**',
      '**/*.cjs',
    ],
  },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        {
          selector:
            'CallExpression[callee.object.name=/^(it|describe|suite|test)$/][callee.property.name=/^(only|skip)$/]',
          message: 'No focused or skipped tests.',
        },
      ],
    },
  },
  {
    files: ['server/src/core/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: lspOrEditorModules,
          patterns: [
            {
              group: ['vscode-languageserver/*', 'vscode-languageclient/*'],
              message: 'server/src/core is pure.',
            },
            {
              group: ['**/lsp/**', '**/cli/**', '**/kpi/**', '**/protocol'],
              message: 'core imports only the parser.',
            },
          ],
        },
      ],
      'no-restricted-imports': [
        'error',
        {
          paths: ['fs', 'node:fs', 'fs/promises', 'node:fs/promises', 'child_process', 'node:child_process'],
        },
      ],
    },
  },
  {
    files: ['client/src/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(\\.\\./)+server/src/(?!protocol$)',
              message: 'The client imports only server/src/protocol.ts.',
            },
          ],
        },
      ],
    },
  },
);
