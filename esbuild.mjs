// Bundles the entry points (VS Code client, language server, its KPI worker, CLI, the dashboard
// webview's script and styles) into dist/.
// Native or runtime-loaded packages stay external: they ship in node_modules beside the bundle.
import * as fs from 'node:fs';
import * as esbuild from 'esbuild';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

/** @type {import('esbuild').BuildOptions} */
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'info',
  // DuckDB is a native addon: it cannot be bundled and ships in node_modules beside the bundle
  // (list such packages in scripts/runtime-packages.json so that the .vsix carries them).
  external: ['vscode', '@duckdb/node-api', '@duckdb/node-bindings*'],
  // jsonc-parser's main entry is a UMD build whose dynamic requires esbuild cannot follow.
  alias: { 'jsonc-parser': './node_modules/jsonc-parser/lib/esm/main.js' },
};

/**
 * Keeps the Node bundles ASCII. esbuild escapes non-ASCII characters in strings, regular expressions
 * and identifiers (its default `charset: 'ascii'`) but copies kept comments as they are, and a single
 * `→` in a comment makes Node decode the whole file into a two-byte string, held for as long as the
 * code is loaded: dist/parser.js took 22 MB instead of 11 MB in the language server (and again in its
 * scan worker). Comments are all that is left to escape, so the code does not change.
 */
const asciiComments = {
  name: 'ascii-comments',
  setup(build) {
    build.onEnd((result) => {
      for (const file of Object.keys(result.metafile?.outputs ?? {})) {
        if (!file.endsWith('.js')) continue;
        const text = fs.readFileSync(file, 'utf8');
        const ascii = text.replace(
          /[^\x00-\x7f]/g,
          (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
        );
        if (ascii !== text) fs.writeFileSync(file, ascii);
      }
    });
  },
};

const builds = [
  { ...common, metafile: true, plugins: [asciiComments], entryPoints: { client: 'client/src/extension.ts' } },
  // The parser, the language server and the scan worker are separate files loaded on demand, so that
  // the CLI bundle (which never imports them statically) stays small to compile.
  {
    ...common,
    metafile: true,
    plugins: [asciiComments],
    entryPoints: {
      server: 'server/src/lsp/main.ts',
      cli: 'server/src/cli/main.ts',
      // The parser (typescript-estree, TypeScript, extraction) is loaded only when a file must be
      // parsed (server/src/workspace/parser/load.ts), and by the scan workers.
      parser: 'server/src/workspace/parser/entry.ts',
      'scan-worker': 'server/src/workspace/workers/scan-worker.ts',
      // Runs each live KPI computation in a child process of the server (server/src/lsp/kpis/runner.ts).
      'kpi-worker': 'server/src/lsp/kpis/worker.ts',
    },
    define: { AL_PARSER_BUNDLE: '"parser.js"' },
  },
  // The dashboard webview runs in the browser: its charting library is bundled here, never a CDN.
  {
    ...common,
    platform: 'browser',
    target: 'chrome120',
    format: 'iife',
    external: [],
    entryPoints: {
      dashboard: 'client/src/dashboard/webview/main.ts',
      'dashboard-style': 'client/src/dashboard/webview/dashboard.css',
    },
  },
  // Editor tests that run inside VS Code's extension host (docs/testing.md): never minified, so
  // failures point at the sources; mocha is loaded from node_modules. Not part of the .vsix.
  {
    ...common,
    entryPoints: ['test/e2e/host/index.ts', 'test/e2e/host/suites/*.test.ts'],
    outbase: '.',
    minify: false,
    sourcemap: 'inline',
    external: [...common.external, 'mocha'],
  },
];

if (watch) {
  const contexts = await Promise.all(builds.map((b) => esbuild.context({ ...b, outdir: 'dist' })));
  await Promise.all(contexts.map((c) => c.watch()));
} else {
  await Promise.all(builds.map((b) => esbuild.build({ ...b, outdir: 'dist' })));
}
