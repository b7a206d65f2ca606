// `activation-lens lsp --stdio`: the language server, for editors other than VS Code.
import type { Command } from 'commander';
import * as path from 'node:path';

/** Set by esbuild (esbuild.mjs `define`) in the bundles, where the server is dist/server.js. */
declare const AL_PARSER_BUNDLE: string | undefined;

export function registerLsp(program: Command): void {
  program
    .command('lsp')
    .description('Run the language server (LSP over --stdio, --node-ipc or --socket=<port>).')
    .option('--stdio', 'talk LSP over stdin/stdout')
    .option('--node-ipc', 'talk LSP over Node IPC')
    .option('--socket <port>', 'talk LSP over a socket')
    .action(() => {
      // The server bundle is loaded only for this command: the other commands need not compile it.
      // vscode-languageserver reads the transport from process.argv itself.
      const server = (
        typeof AL_PARSER_BUNDLE === 'string'
          ? // eslint-disable-next-line @typescript-eslint/no-require-imports
            require(path.join(__dirname, 'server.js'))
          : // eslint-disable-next-line @typescript-eslint/no-require-imports
            require('../../lsp/main')
      ) as typeof import('../../lsp/main');
      server.main();
    });
}
