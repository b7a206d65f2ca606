// Wrapper discovery over the workspace, and the files it adds to the analysis: wrappers are found in
// the files analysed so far; the files that name one of them (an export name, or the module or
// folder name of a default export) are analysed too, until no file is added. A file that reaches a
// wrapper must spell such a name (imports name what they import), so this loses nothing against
// analysing every file.
import type { FileFacts } from '../extract';
import { wordQuery } from '../identifiers';
import type { Linker } from '../link';
import type { ModuleResolver } from '../modules';
import { drain, STEP_SIZES, type StepSizes, type Steps } from '../steps';
import { WrapperDiscovery } from './discover';
import { ShapeResolver } from './resolve';

export interface WorkspaceState {
  files: readonly string[];
  /** The identifier words of a file (identifiers.ts), from the index rather than its text. */
  wordsOf: (file: string) => string;
  /** Files extracted in full so far; `extract` adds to it. */
  full: ReadonlySet<string>;
  facts: ReadonlyMap<string, FileFacts>;
  factsOf: (file: string) => FileFacts | undefined;
  modules: ModuleResolver;
  linker: Linker;
  extract: (file: string) => void;
}

export function discoverWrappers(state: WorkspaceState): WrapperDiscovery {
  return drain(discoverWrappersSteps(state));
}

/** `discoverWrappers` in steps (core/steps.ts): after each round's discovery, between batches of files. */
export function* discoverWrappersSteps(
  state: WorkspaceState,
  sizes: StepSizes = STEP_SIZES,
): Steps<WrapperDiscovery> {
  const perStep = sizes.discoveryFiles;
  const { files, full, facts, factsOf, modules, linker } = state;
  const tested = new Set<string>();
  // The files not analysed yet (later rounds test new words only).
  let pending: string[] | undefined;
  for (;;) {
    const analysed = [...full].map((file) => facts.get(file)!);
    const discovery = new WrapperDiscovery(analysed, new ShapeResolver(factsOf, modules, linker), linker);
    yield 'discovery';
    yield* discovery.runSteps(sizes.discoveryItems);
    yield 'discovery round';
    const fresh = [...discovery.reachWords()].filter((word) => !tested.has(word));
    if (fresh.length === 0) return discovery;
    yield 'discovery reach';
    for (const word of fresh) tested.add(word);
    const names = wordQuery(fresh);
    pending = (pending ?? files).filter((file) => !full.has(file));
    const before = full.size;
    let done = 0;
    for (const file of pending) {
      if (++done % perStep === 0) yield 'discovery files';
      if (!full.has(file) && names.test(state.wordsOf(file))) state.extract(file);
    }
    if (full.size === before) return discovery;
  }
}
