// `activation-lens lsp --stdio`: the language server, for editors other than VS Code.
import type { Command } from 'commander';
import { main as startLanguageServer } from '../../lsp/main';

export function registerLsp(program: Command): void {
  program
    .command('lsp')
    .description('Run the language server (LSP over --stdio, --node-ipc or --socket=<port>).')
    .option('--stdio', 'talk LSP over stdin/stdout')
    .option('--node-ipc', 'talk LSP over Node IPC')
    .option('--socket <port>', 'talk LSP over a socket')
    .action(() => {
      // vscode-languageserver reads the transport from process.argv itself.
      startLanguageServer();
    });
}
