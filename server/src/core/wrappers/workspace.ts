// Wrapper discovery over the workspace, and the files it adds to the analysis: wrappers are found in
// the files analysed so far; the files that name one of them (an export name, or the module or
// folder name of a default export) are analysed too, until no file is added. A file that reaches a
// wrapper must spell such a name (imports name what they import), so this loses nothing against
// analysing every file.
import type { FileFacts } from '../extract';
import type { Linker } from '../link';
import type { ModuleHost, ModuleResolver } from '../modules';
import { wordFilter } from '../prefilter';
import { WrapperDiscovery } from './discover';
import { ShapeResolver } from './resolve';

export interface WorkspaceState {
  files: readonly string[];
  host: ModuleHost;
  /** Files extracted in full so far; `extract` adds to it. */
  full: ReadonlySet<string>;
  facts: ReadonlyMap<string, FileFacts>;
  factsOf: (file: string) => FileFacts | undefined;
  modules: ModuleResolver;
  linker: Linker;
  extract: (file: string, text: string) => void;
}

export function discoverWrappers(state: WorkspaceState): WrapperDiscovery {
  const { files, host, full, facts, factsOf, modules, linker } = state;
  const tested = new Set<string>();
  // Texts of the files not analysed yet, read once at the first re-test (later rounds test new words).
  let pending: Map<string, string> | undefined;
  for (;;) {
    const analysed = [...full].map((file) => facts.get(file)!);
    const discovery = new WrapperDiscovery(analysed, new ShapeResolver(factsOf, modules, linker), linker);
    discovery.run();
    const fresh = [...discovery.reachWords()].filter((word) => !tested.has(word));
    if (fresh.length === 0) return discovery;
    for (const word of fresh) tested.add(word);
    const names = wordFilter(fresh);
    if (!pending) {
      pending = new Map();
      for (const file of files) {
        if (full.has(file)) continue;
        const text = host.readFile(file);
        if (text !== undefined) pending.set(file, text);
      }
    }
    const before = full.size;
    for (const [file, text] of pending) {
      if (full.has(file) || !names.test(text)) continue;
      pending.delete(file);
      state.extract(file, text);
    }
    if (full.size === before) return discovery;
  }
}
