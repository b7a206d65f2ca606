// Entry of the language server bundle (dist/server.js): LSP over stdio, node IPC or a socket, as the
// client asks on the command line (`--stdio`, `--node-ipc`, `--socket=N`).
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';

export function main(): void {
  startServer(createConnection(ProposedFeatures.all));
}

if (require.main === module) main();
