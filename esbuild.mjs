// Bundles the three entry points (VS Code client, language server, CLI) into dist/.
// Native or runtime-loaded packages stay external: they ship in node_modules beside the bundle.
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
  // DuckDB is a native addon: it cannot be bundled and ships in node_modules beside the bundle.
  external: ['vscode', '@duckdb/node-api', '@duckdb/node-bindings*'],
};

const builds = [
  { ...common, entryPoints: { client: 'client/src/extension.ts' } },
  { ...common, entryPoints: { server: 'server/src/lsp/main.ts', cli: 'server/src/cli/main.ts' } },
];

if (watch) {
  const contexts = await Promise.all(builds.map((b) => esbuild.context({ ...b, outdir: 'dist' })));
  await Promise.all(contexts.map((c) => c.watch()));
} else {
  await Promise.all(builds.map((b) => esbuild.build({ ...b, outdir: 'dist' })));
}
