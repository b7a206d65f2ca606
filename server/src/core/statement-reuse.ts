// Keystrokes, extraction by top-level statement. After an edit of an open document, only the
// statements the edit touched are extracted again, from the file's last scope analysis and parent
// links (kept, and patched for the statements that change). When they contribute what they did
// before with positions moved, and nothing else in the file can see the change, the file's facts are
// its last facts with positions moved: no scope analysis of the whole file, no walk of its tree, no
// gating of its other checks. Otherwise (and on the first edit) the whole file is extracted, and what
// that extraction worked with is kept for the next edit.
//
// Why the rest of the file is unchanged then: other statements see a statement only through the
// module names it declares (what their references resolve to, and what extraction learns from the
// definition: its value, its binding chain, its kind) and through the order in which functions get
// numbers (wrappers/evaluator.ts numbers them as they are first referred to, file-wide). So the
// touched statements must declare the same module names (declared nowhere else), and their facts,
// extracted alone, include how each of those names looks from outside and list the functions they
// number, in order: equal facts (moved) mean an equal file. Gating that reaches across statements (a
// check's value bound at the top level, a guard at the top level) takes the whole-file path. Tests
// compare every edit with a whole-file extraction, as JSON.
import { analyze } from '@typescript-eslint/scope-manager';
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { LineMap } from './ast';
import { AstIndex, type WalkedNodes } from './ast-index';
import type { ModuleKind } from './chains';
import type { AnalysisConfig } from './config';
import {
  type DeclaredName,
  type ExtractionParts,
  type ExtractOptions,
  extractParsed,
  extractStatements,
  type FileFacts,
} from './extract';
import type { Program } from './parse';
import {
  type ParsedDocument,
  parseDocument,
  type Reparsed,
  reparseDocument,
  settle,
  touchedStatements,
} from './reparse';
import type { Definition, ScopeInfo, Variable } from './scope';
import { changeBetween, shiftFileData } from './shift';

type Node = TSESTree.Node;
type Statement = TSESTree.ProgramStatement;
type Ident = TSESTree.Identifier | TSESTree.JSXIdentifier;

/** An open document as the keystroke path keeps it between edits. */
export interface OpenDocument {
  /** Its tree (core/reparse.ts). */
  doc?: ParsedDocument;
  /** What its last extraction worked with, for extracting the next edit by statements. */
  reuse?: StatementReuse;
}

export interface ExtractedDocument {
  facts: FileFacts;
  /** The state to extract the next edit from (`prev` is used up). */
  next: OpenDocument;
  /** Whether the tree was spliced (core/reparse.ts). */
  incremental: boolean;
  /**
   * When the facts are the last facts with positions moved (from the touched statements alone): those
   * facts and their text (the facts are `shiftFileData` of them through the edit).
   */
  movedFrom?: { facts: FileFacts; text: string };
}

/** The facts of an open document's new text, from its previous state when the edit allows it. */
export function extractDocument(
  prev: OpenDocument | undefined,
  file: string,
  text: string,
  options: ExtractOptions,
): ExtractedDocument {
  const reuse = prev?.reuse;
  let re: Reparsed;
  if (reuse && prev.doc && reuse.accepts(prev.doc, text, options)) {
    const from = reuse.current;
    let edited: ReturnType<StatementReuse['edit']> | undefined;
    try {
      edited = reuse.edit(prev.doc, file, text, options);
    } catch {
      // A bug here must not stop the document's analysis: it is parsed and extracted afresh.
      edited = undefined;
    }
    if (edited?.facts)
      return {
        facts: edited.facts,
        next: { doc: edited.re.doc!, reuse },
        incremental: true,
        movedFrom: from,
      };
    re = edited?.re ?? parseDocument(file, text);
  } else {
    re = reparseDocument(prev?.doc, file, text);
  }
  // The whole file, recording what the next edit needs (its positions all moved first).
  if (re.doc && re.outcome.ok) settle(re.doc);
  const recorded = recordingOptions(options);
  let parts: ExtractionParts | undefined;
  const facts = extractParsed(file, text, re.outcome, recorded.options, (p) => (parts = p));
  const next: OpenDocument = {};
  if (re.doc) next.doc = re.doc;
  if (parts && re.outcome.ok && re.doc) {
    const kept = StatementReuse.from(text, facts, re.outcome.ast, options.config, parts, recorded);
    if (kept) next.reuse = kept;
  }
  return { facts, next, incremental: re.incremental };
}

/** The module specifiers an extraction classified and resolved, so that a reuse can check they hold. */
interface Recorded {
  kinds: Map<string, ModuleKind>;
  resolved: Map<string, string | undefined>;
}

function recordingOptions(options: ExtractOptions, into?: Recorded): Recorded & { options: ExtractOptions } {
  const kinds = into?.kinds ?? new Map<string, ModuleKind>();
  const resolved = into?.resolved ?? new Map<string, string | undefined>();
  const { resolveModule } = options;
  const recording: ExtractOptions = {
    ...options,
    classifyModule: (spec) => {
      const kind = options.classifyModule(spec);
      kinds.set(spec, kind);
      return kind;
    },
  };
  if (resolveModule)
    recording.resolveModule = (from, spec) => {
      const to = resolveModule(from, spec);
      // The extractor only resolves from the file itself (plan callees restricted to a module).
      resolved.set(`${from}\n${spec}`, to);
      return to;
    };
  return { kinds, resolved, options: recording };
}

/** What a statement contributes, extracted alone (positions are the file's). */
interface LocalFacts {
  facts: FileFacts;
  /** The module names it declares, as other statements see them. */
  declared: DeclaredName[];
  /** `export { a as b }`, `export default a`: they name functions of other statements (gates.ts). */
  exportNames: string[][];
}

/**
 * A file's last extraction, kept to extract the next edit by statements: its facts and text, its scope
 * analysis (each reference's variable, the module's variables) and parent links, patched as statements
 * are replaced, and which module names each statement declares and refers to.
 */
export class StatementReuse implements ScopeInfo {
  private readonly declares = new Map<Statement, Set<string>>();
  private readonly declaredIn = new Map<string, Set<Statement>>();
  private readonly refersTo = new Map<Statement, Set<string>>();
  /** The identifiers that refer to each module name, and their statements. */
  private readonly users = new Map<string, Map<Ident, Statement>>();
  /** Numbers of nodes outside the statements extracted, for uses of them (stable across edits). */
  private readonly outsideIds = new Map<Node, number>();
  /** The facts of the statement of the last edit, in the current text's positions. */
  private last?: { statement: Statement; local: LocalFacts };
  /** The tree being read (its statements' pending moves are settled as functions are numbered). */
  private doc?: ParsedDocument;

  private constructor(
    private text: string,
    private facts: FileFacts,
    private program: Program,
    private readonly config: AnalysisConfig,
    private readonly refs: Map<Ident, Variable | null>,
    private readonly parents: Map<Node, Node>,
    private readonly moduleVars: Map<string, Variable>,
    private readonly recorded: Recorded,
  ) {}

  /** The state after a whole-file extraction, or undefined when the file is not one it can handle. */
  static from(
    text: string,
    facts: FileFacts,
    ast: Program,
    config: AnalysisConfig,
    parts: ExtractionParts,
    recorded: Recorded,
  ): StatementReuse | undefined {
    const module = parts.scopes.moduleScope;
    // Scripts put top-level declarations in the global scope, and `declare global` adds to it.
    if (ast.sourceType !== 'module' || module.type !== 'module' || declaresGlobals(module.upper?.set))
      return undefined;
    if (parts.crossStatement || text.includes('@feature')) return undefined;
    const reuse = new StatementReuse(
      text,
      facts,
      ast,
      config,
      parts.scopes.refs,
      parts.walked.parents,
      new Map(module.set),
      recorded,
    );
    return reuse.index(ast.body, module.set) ? reuse : undefined;
  }

  /** The facts and text of the last extraction. */
  get current(): { facts: FileFacts; text: string } {
    return { facts: this.facts, text: this.text };
  }

  /** Whether an edit of the document can be tried by statements (else: the whole file). */
  accepts(doc: ParsedDocument, text: string, options: ExtractOptions): boolean {
    return (
      doc.text === this.text &&
      doc.ast === this.program &&
      options.config === this.config &&
      !options.exportsOnly &&
      !text.includes('@feature')
    );
  }

  /**
   * Re-parses the edit and, when the touched statements allow, gives the facts by statements. Without
   * `facts`, the caller extracts the whole file from `re` (and this state is not used again).
   */
  edit(
    doc: ParsedDocument,
    file: string,
    text: string,
    options: ExtractOptions,
  ): { re: Reparsed; facts?: FileFacts } {
    const change = changeBetween(this.text, text);
    const { first, last } = touchedStatements(doc.ast.body, change.start, change.oldEnd);
    const old = doc.ast.body.slice(first, last + 1);
    // Before re-parsing: the tree's later statements are moved in place then.
    const names = this.namesOnlyOf(old);
    this.doc = doc;
    settle(doc, old);
    const before = names && old.length ? this.localFacts(old, file, this.text, options) : undefined;
    // Lazily: the statements after the edit keep their inner nodes' moves pending (reparse.ts).
    const re = reparseDocument(doc, file, text, true);
    this.doc = re.doc;
    if (!names || (old.length && (!before || before.facts.parseError))) return { re };
    if (!re.incremental || !re.spliced || !re.outcome.ok || re.outcome.ast.sourceType !== 'module')
      return { re };
    const { fresh } = re.spliced;
    if (re.spliced.first !== first || re.spliced.removed !== old.length || fresh.length !== old.length)
      return { re };
    const ast = re.outcome.ast;
    const lines = LineMap.of(text);
    this.program = ast;
    if (fresh.length) {
      // From here on this state describes the new text, or is dropped (the caller extracts it all).
      if (!this.replace(old, fresh, names)) return { re };
      const after = this.localFacts(fresh, file, text, options);
      if (!after) return { re };
      const moved = shiftFileData(before!, file, change, lines, file);
      if (!moved || JSON.stringify(moved) !== JSON.stringify(after)) return { re };
      this.last = fresh.length === 1 ? { statement: fresh[0]!, local: after } : undefined;
    } else {
      this.last = undefined;
    }
    const facts = shiftFileData(this.facts, file, change, lines, file);
    if (!facts || !this.replay(options)) return { re };
    this.text = text;
    this.facts = facts;
    return { re, facts };
  }

  // ---- ScopeInfo, over the patched analysis ----------------------------------------------------

  definitionOf(id: Ident): Definition | undefined {
    const variable = this.refs.get(id);
    return variable ? variable.defs[0] : undefined;
  }

  moduleDefinition(name: string): Definition | undefined {
    return this.moduleVars.get(name)?.defs[0];
  }

  moduleDefinitions(name: string): readonly Definition[] {
    return this.moduleVars.get(name)?.defs ?? [];
  }

  isModuleBinding(id: TSESTree.Identifier): boolean {
    return this.moduleVars.get(id.name)?.identifiers.includes(id) === true;
  }

  /** The top-level statement a node is in (parent links, not positions: those may be pending). */
  private topLevel(node: Node): Statement | undefined {
    let child = node;
    for (let parent = this.parents.get(child); parent; parent = this.parents.get(child)) {
      if (parent.type === 'Program') return child as Statement;
      child = parent;
    }
    return undefined;
  }

  private parentOf(node: Node): Node | undefined {
    const parent = this.parents.get(node);
    // Top-level statements belong to the latest tree (each splice makes a new program node).
    return parent?.type === 'Program' ? this.program : parent;
  }

  // ---- statements ------------------------------------------------------------------------------

  /** Records which module names each statement declares and refers to; false if one is not found. */
  private index(body: readonly Statement[], vars: ReadonlyMap<string, Variable>): boolean {
    for (const [name, variable] of vars) {
      for (const def of variable.defs) {
        const at = statementAt(body, def.name.range[0]);
        if (!at) return false;
        addTo(this.declares, at, name);
        addTo(this.declaredIn, name, at);
      }
      for (const ref of variable.references) {
        const at = statementAt(body, ref.identifier.range[0]);
        if (!at) return false;
        this.addUse(name, ref.identifier, at);
      }
    }
    return true;
  }

  private addUse(name: string, id: Ident, at: Statement): void {
    addTo(this.refersTo, at, name);
    let users = this.users.get(name);
    if (!users) this.users.set(name, (users = new Map()));
    users.set(id, at);
  }

  /**
   * The module names the statements declare, when only they declare them (declarations of one name in
   * several statements merge into one variable); else undefined.
   */
  private namesOnlyOf(statements: readonly Statement[]): Set<string> | undefined {
    const mine = new Set(statements);
    const names = new Set<string>();
    for (const st of statements) for (const name of this.declares.get(st) ?? []) names.add(name);
    for (const name of names)
      for (const st of this.declaredIn.get(name) ?? []) if (!mine.has(st)) return undefined;
    return names;
  }

  /**
   * Scope analysis of the fresh statements alone, their free names resolved as the whole file's
   * analysis resolves them (the module's variables, by name and meaning); then the old statements'
   * references and parents are replaced by theirs. False when they declare other module names.
   */
  private replace(
    old: readonly Statement[],
    fresh: readonly Statement[],
    names: ReadonlySet<string>,
  ): boolean {
    const first = fresh[0]!;
    const lastOne = fresh[fresh.length - 1]!;
    const program: Program = {
      type: 'Program' as Program['type'],
      body: [...fresh],
      sourceType: 'module',
      comments: [],
      tokens: [],
      range: [first.range[0], lastOne.range[1]],
      loc: { start: first.loc.start, end: lastOne.loc.end },
    };
    const manager = analyze(program, { sourceType: 'module', lib: [] });
    const module = manager.globalScope?.childScopes[0];
    if (!module || module.type !== 'module' || declaresGlobals(manager.globalScope?.set)) return false;
    if (module.set.size !== names.size) return false;
    for (const name of module.set.keys()) if (!names.has(name)) return false;

    const gone = new Set(old);
    for (const st of old) {
      for (const node of new AstIndex(st).nodes) {
        this.parents.delete(node);
        if (node.type === 'Identifier' || node.type === 'JSXIdentifier') this.refs.delete(node);
      }
      for (const name of this.refersTo.get(st) ?? []) {
        const users = this.users.get(name);
        for (const [id, at] of users ?? []) if (at === st) users!.delete(id);
      }
      for (const name of this.declares.get(st) ?? []) this.declaredIn.get(name)?.delete(st);
      this.refersTo.delete(st);
      this.declares.delete(st);
    }
    // Other statements' references to the names now mean the fresh statements' variables.
    for (const [name, variable] of module.set) {
      this.moduleVars.set(name, variable);
      for (const [id, at] of this.users.get(name) ?? []) if (!gone.has(at)) this.refs.set(id, variable);
    }
    for (const scope of manager.scopes) {
      for (const ref of scope.references) {
        let variable: Variable | null = ref.resolved;
        if (!variable) {
          // Free in the statements: the module's variable of that name, if the reference can mean it.
          const outer = names.has(ref.identifier.name) ? undefined : this.moduleVars.get(ref.identifier.name);
          // (scope-manager's rule: a type reference resolves to a type, a value reference to a value.)
          const meaning = outer as { isTypeVariable?: boolean; isValueVariable?: boolean } | undefined;
          if (
            (ref.isTypeReference && meaning?.isTypeVariable) ||
            (ref.isValueReference && meaning?.isValueVariable)
          )
            variable = outer!;
        }
        this.refs.set(ref.identifier, variable);
        if (variable && this.moduleVars.get(variable.name) === variable) {
          const at = statementAt(fresh, ref.identifier.range[0]);
          if (!at) return false;
          this.addUse(variable.name, ref.identifier, at);
        }
      }
    }
    for (const [name, variable] of module.set) {
      for (const def of variable.defs) {
        const at = statementAt(fresh, def.name.range[0]);
        if (!at) return false;
        addTo(this.declares, at, name);
        addTo(this.declaredIn, name, at);
      }
    }
    for (const st of fresh) {
      const walked = new AstIndex(st);
      for (const [child, parent] of walked.parents) this.parents.set(child, parent);
      this.parents.set(st, this.program);
    }
    return true;
  }

  /** What the statements contribute, extracted alone; undefined when gating reaches beyond them. */
  private localFacts(
    statements: readonly Statement[],
    file: string,
    text: string,
    options: ExtractOptions,
  ): LocalFacts | undefined {
    if (this.last && statements.length === 1 && this.last.statement === statements[0]) return this.last.local;
    const nodes: Node[] = [];
    const declared = new Set<string>();
    for (const st of statements) {
      nodes.push(...new AstIndex(st).nodes);
      for (const name of this.declares.get(st) ?? []) declared.add(name);
    }
    const walked: WalkedNodes = { nodes, parentOf: (node) => this.parentOf(node) };
    const local = extractStatements(
      file,
      text,
      this.program,
      recordingOptions(options, this.recorded).options,
      {
        scopes: this,
        walked,
        statements,
        declared: [...declared].sort(),
        onFunction: (node) => {
          const top = this.topLevel(node);
          if (top && this.doc) settle(this.doc, [top]);
        },
        outside: (node) => {
          const top = this.topLevel(node);
          if (top && statements.includes(top)) return undefined;
          let id = this.outsideIds.get(node);
          if (id === undefined) this.outsideIds.set(node, (id = this.outsideIds.size));
          return id;
        },
      },
    );
    if (local.crossStatement) return undefined;
    return { facts: local.facts, declared: local.declared, exportNames: exportNames(statements) };
  }

  /** What the facts relied on still holds (module kinds, resolutions), recorded again for the store. */
  private replay(options: ExtractOptions): boolean {
    for (const [spec, kind] of this.recorded.kinds) if (options.classifyModule(spec) !== kind) return false;
    for (const [key, to] of this.recorded.resolved) {
      const [from, spec] = key.split('\n') as [string, string];
      if (options.resolveModule?.(from, spec) !== to) return false;
    }
    return true;
  }
}

/** The top-level statement that holds an offset (statements are in order and do not overlap). */
function statementAt(body: readonly Statement[], offset: number): Statement | undefined {
  let lo = 0;
  let hi = body.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const st = body[mid]!;
    if (offset < st.range[0]) hi = mid - 1;
    else if (offset >= st.range[1]) lo = mid + 1;
    else return st;
  }
  return undefined;
}

/** Whether a global scope holds declarations (`declare global`); scope-manager always defines `const`. */
function declaresGlobals(set: ReadonlyMap<string, unknown> | undefined): boolean {
  for (const name of set?.keys() ?? []) if (name !== 'const') return true;
  return false;
}

function exportNames(statements: readonly Statement[]): string[][] {
  const out: string[][] = [];
  for (const st of statements) {
    if (st.type === 'ExportNamedDeclaration' && !st.source) {
      for (const spec of st.specifiers) {
        const name = (n: TSESTree.Identifier | TSESTree.StringLiteral) =>
          n.type === 'Identifier' ? n.name : String(n.value);
        out.push([name(spec.local), name(spec.exported)]);
      }
    } else if (st.type === 'ExportDefaultDeclaration' && st.declaration.type === 'Identifier') {
      out.push([st.declaration.name, 'default']);
    }
  }
  return out;
}

function addTo<K, V>(map: Map<K, Set<V>>, key: K, value: V): void {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  set.add(value);
}
