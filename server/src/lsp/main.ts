// Entry of the language server bundle (dist/server.js): LSP over stdio, node IPC or a socket, as the
// client asks on the command line (`--stdio`, `--node-ipc`, `--socket=N`).
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { setHeapFlags, youngGenerationSized } from '../workspace/heap-flags';
import { startServer } from './server';

export function main(): void {
  // Each edit re-parses a file, and by default V8 lets the heap grow several times over with that garbage
  // before collecting: a 560 MB peak on a 10,000-file workspace whose live heap is about 90 MB. A
  // growing factor of 1.15 halved the peak at no measurable cost per keystroke; 1.10 kept the peak
  // under 250 MB in each cold run measured (2 runs; 4 more at 1.05), where 1.15 went over it in 3 of 6,
  // for ~5-10% more CPU. V8 reads it at each collection, so setting it at start-up takes effect; it
  // also applies to the scan workers (and is set again once one started: starting a worker resets
  // V8's flags, workspace/heap-flags.ts).
  // (`--optimize-for-size` would bring the peak lower but makes parsing 2-4x slower.)
  // The young generation doubles up to 2 x 16 MB under the garbage of parsing, and V8 adds its size to
  // the old generation's limit too. Its maximum can only be given on the command line: the VS Code
  // client starts the server with `--max-semi-space-size=4` (~30 MB lower peak, ~15% more CPU per
  // edit). Started without it, the server keeps it at its initial 2 x 1 MB instead (about as low a
  // peak, ~35% more CPU per edit).
  const growth = youngGenerationSized() ? [] : ['--semi-space-growth-factor=1'];
  setHeapFlags(['--heap-growing-percent=10', ...growth]);
  startServer(createConnection(ProposedFeatures.all));
}

if (require.main === module) main();
