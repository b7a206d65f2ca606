// Which code a flag check gates, computed per file while extracting and kept as plain offsets so that
// per-file facts stay cacheable. For each entry point: the branches that run only when the flag is on
// (if/else branches, ternaries, `&&`/`||` operands, switch cases, the rest of a block after an early
// return on the flag being off), the code an `@feature` annotation marks, and the rest of the enclosing
// function after the check (weaker evidence). Also the file's named functions and the places that
// render or call them, so the workspace pass can follow gated code into child components.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { nodeSpan } from './ast';
import { AstIndex, type WalkedNodes } from './ast-index';
import type { Program } from './parse';
import { type Definition, importSource, type ScopeInfo } from './scope';
import type { Span } from './types';

export type GateKind = 'branch' | 'guard' | 'annotation' | 'function';

/** A half-open offset range of code that runs only when a flag check is on (or, for `function`, after it). */
export interface GateRegion {
  start: number;
  end: number;
  kind: GateKind;
  /** Offset of the first statement of the gated block (where a discovery call would go), when it is a block. */
  insertAt?: number;
  /** Name of the enclosing function, for explanations (`function` regions). */
  functionName?: string;
}

/** The regions one entry point gates; entries are keyed by the entry point's span offsets. */
export interface EntryGates {
  start: number;
  end: number;
  regions: GateRegion[];
}

export interface FunctionFact {
  name: string;
  start: number;
  end: number;
  /** Names this function is exported under (`default` for a default export). */
  exportedAs: string[];
}

/**
 * `index` is the function's place in `GateFacts.functions`; in the facts of some statements of a file
 * (`GateScope`), a negative index -1 - n names the n-th binding outside them (`GateScope.outside`).
 */
export type UseTarget = { kind: 'local'; index: number } | { kind: 'import'; from: string; name: string };

/**
 * Gating of some top-level statements of a file rather than all (the keystroke path re-extracts the
 * statements an edit touches): `walked` then holds their nodes only.
 */
export interface GateScope {
  /** The top-level statements analysed (their `export { … }` name functions). */
  statements: readonly TSESTree.ProgramStatement[];
  /** A number for a binding's node outside the statements (uses of it get index -1 - number). */
  outside: (node: Node) => number | undefined;
}

/**
 * Whether a file's gating reaches across its top-level statements: a check's value bound at the top
 * level (conditions anywhere may test it) or a guard at the top level (the rest of the file is gated).
 */
export interface GateReport {
  crossStatement: boolean;
}

/** A place that renders (`<Child />`) or calls (`useThing()`) a named function. */
export interface UseFact {
  /** The JSX element's opening tag or the call. */
  span: Span;
  name: string;
  target: UseTarget;
}

export interface GateFacts {
  entries: EntryGates[];
  functions: FunctionFact[];
  uses: UseFact[];
}

/** What gates need to know of an entry point found by the extractor. */
export interface GateEntry {
  span: Span;
  sdk: string;
}

type Node = TSESTree.Node;
type State = 'on' | 'off' | null;
interface Implication {
  whenTrue: State;
  whenFalse: State;
}
const UNKNOWN_COND: Implication = { whenTrue: null, whenFalse: null };

/** Properties of a flag check's result that hold the flag's value (`useGate(k).value`, `useFeature(k).on`). */
const VALUE_PROPS = new Set([
  'value',
  'enabled',
  'isEnabled',
  'on',
  'isOn',
  'treatment',
  'variant',
  'variation',
]);
const NEGATED_PROPS = new Set(['off', 'isOff']);
/** Variant names that mean the flag is off, when a check's value is compared with a string. */
const OFF_VARIANTS = new Set(['off', 'control', 'disabled', 'false', 'none', 'default']);
const ENTRY_TYPES = new Set(['CallExpression', 'NewExpression', 'MemberExpression', 'Property']);
const FUNCTION_TYPES = new Set(['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression']);

export function computeGates(
  ast: Program,
  scopes: ScopeInfo,
  entries: readonly GateEntry[],
  text: string,
  isProjectModule: (spec: string) => boolean = () => true,
  /** The file's nodes and parents, when the caller has walked it already (ast-index.ts). */
  walked?: WalkedNodes,
  /** Analyse every condition for every check, unfiltered (the reference the tests compare with). */
  everyCondition = false,
  /** Only some statements (default: the whole file). */
  part?: GateScope,
  /** Filled in: whether gating reaches across top-level statements. */
  report?: GateReport,
): GateFacts {
  const index = new FileIndex(ast, walked);
  const facts: GateFacts = { entries: [], functions: [], uses: [] };
  for (const entry of entries) {
    let regions: GateRegion[];
    if (entry.sdk === 'annotation') {
      regions = annotationRegions(index, entry, text);
      if (report) report.crossStatement = true;
    } else {
      const analysis = new EntryAnalysis(index, scopes, entry);
      regions = analysis.regions(everyCondition);
      if (report && analysis.crossesStatements()) report.crossStatement = true;
    }
    if (regions.length)
      facts.entries.push({ start: entry.span.startOffset, end: entry.span.endOffset, regions });
  }
  collectFunctionsAndUses(index, scopes, facts, isProjectModule, part);
  return facts;
}

/** Parent links and a lookup of nodes by range, built in one walk. */
class FileIndex {
  readonly parents: { get(node: Node): Node | undefined };
  /** Calls, member reads and properties by range: the nodes an entry point's span can cover. */
  readonly byRange = new Map<string, Node>();
  readonly conditionals: Node[] = [];
  readonly all: readonly Node[];
  /** Identifiers by name. */
  private readonly identifiers = new Map<string, Node[]>();
  /** Each conditional's place in `conditionals`. */
  private readonly conditionalIndex = new Map<Node, number>();

  constructor(
    readonly ast: Program,
    walked: WalkedNodes = new AstIndex(ast),
  ) {
    this.parents = { get: (node) => walked.parentOf(node) };
    this.all = walked.nodes;
    for (const node of walked.nodes) {
      if (ENTRY_TYPES.has(node.type)) {
        // The outermost of a range comes first (a call and a callee never share one).
        const key = `${node.range[0]}:${node.range[1]}`;
        if (!this.byRange.has(key)) this.byRange.set(key, node);
      }
      if (
        node.type === 'IfStatement' ||
        node.type === 'ConditionalExpression' ||
        node.type === 'LogicalExpression' ||
        node.type === 'SwitchStatement'
      ) {
        this.conditionalIndex.set(node, this.conditionals.length);
        this.conditionals.push(node);
      }
      if (node.type === 'Identifier') {
        const same = this.identifiers.get(node.name);
        if (same) same.push(node);
        else this.identifiers.set(node.name, [node]);
      }
    }
  }

  identifiersNamed(name: string): readonly Node[] {
    return this.identifiers.get(name) ?? [];
  }

  /**
   * The conditionals whose condition (conditionOf) holds `node`, as indexes into `conditionals`: its
   * ancestors reached from their condition (a condition is a direct child of its conditional).
   */
  conditionsHolding(node: Node, out: Set<number>): void {
    for (let child = node, p = this.parents.get(node); p; child = p, p = this.parents.get(p)) {
      const i = this.conditionalIndex.get(p);
      if (i !== undefined && conditionOf(p) === child) out.add(i);
    }
  }

  /**
   * The check an entry point's span covers. Other nodes can share its range (a statement without a
   * semicolon, a chain around the call, a shorthand property's key): only checks are indexed.
   */
  nodeAt(start: number, end: number): Node | undefined {
    return this.byRange.get(`${start}:${end}`);
  }

  enclosingFunction(node: Node): Node | undefined {
    for (let p = this.parents.get(node); p; p = this.parents.get(p)) {
      if (FUNCTION_TYPES.has(p.type)) return p;
    }
    return undefined;
  }
}

/** The regions gated by one flag check. */
class EntryAnalysis {
  /** Identifiers that hold the check's value, with +1 when truthy means on and -1 when it means off. */
  private readonly bindings = new Map<Node, 1 | -1>();
  /** Expressions that are the check's value itself. */
  private readonly values = new Map<Node, 1 | -1>();
  private readonly node: Node | undefined;
  /** A guard at the top level of the file was analysed (its rest of block is the rest of the file). */
  private topLevelGuard = false;

  constructor(
    private readonly index: FileIndex,
    private readonly scopes: ScopeInfo,
    entry: GateEntry,
  ) {
    this.node = index.nodeAt(entry.span.startOffset, entry.span.endOffset);
    if (this.node) this.collectValues(this.node);
  }

  /** A binding of the module scope, or a guard whose rest of block is the rest of the file. */
  crossesStatements(): boolean {
    for (const binding of this.bindings.keys())
      if (binding.type === 'Identifier' && this.scopes.isModuleBinding(binding)) return true;
    return this.topLevelGuard;
  }

  regions(everyCondition = false): GateRegion[] {
    if (!this.node) return [];
    const out: GateRegion[] = [];
    if (everyCondition) for (const node of this.index.conditionals) this.conditionalRegions(node, out);
    else for (const i of this.conditionsInvolved()) this.conditionalRegions(this.index.conditionals[i]!, out);
    const fn = this.index.enclosingFunction(this.node);
    if (fn) {
      const name = functionName(fn, this.index);
      out.push({
        start: this.node.range[0],
        end: fn.range[1],
        kind: 'function',
        ...(name ? { functionName: name } : {}),
      });
    }
    return out;
  }

  /** Finds the expressions and variables that carry the check's value. */
  private collectValues(node: Node): void {
    if (node.type === 'Property') {
      // `const { checkoutV2 } = useFlags()`: the destructured variable is the flag.
      const target = node.value.type === 'AssignmentPattern' ? node.value.left : node.value;
      if (target.type === 'Identifier') this.bindings.set(target, 1);
      return;
    }
    let value: Node = node;
    let polarity: 1 | -1 = 1;
    this.values.set(value, polarity);
    for (;;) {
      const parent = this.index.parents.get(value);
      if (!parent) break;
      if (
        parent.type === 'AwaitExpression' ||
        parent.type === 'TSAsExpression' ||
        parent.type === 'TSNonNullExpression' ||
        parent.type === 'TSSatisfiesExpression' ||
        parent.type === 'ChainExpression'
      ) {
        value = parent;
      } else if (parent.type === 'MemberExpression' && parent.object === value && !parent.computed) {
        const prop = parent.property.type === 'Identifier' ? parent.property.name : '';
        if (VALUE_PROPS.has(prop)) value = parent;
        else if (NEGATED_PROPS.has(prop)) {
          value = parent;
          polarity = -polarity as 1 | -1;
        } else break;
      } else break;
      this.values.set(value, polarity);
    }
    const parent = this.index.parents.get(value);
    if (parent?.type !== 'VariableDeclarator' || parent.init !== value) return;
    if (parent.id.type === 'Identifier') this.bindings.set(parent.id, polarity);
    else if (parent.id.type === 'ObjectPattern') {
      // `const { value: enabled } = useGate('k')`, `const { on, off } = useFeature('k')`.
      for (const prop of parent.id.properties) {
        if (prop.type !== 'Property' || prop.computed || prop.key.type !== 'Identifier') continue;
        const target = prop.value.type === 'AssignmentPattern' ? prop.value.left : prop.value;
        if (target.type !== 'Identifier') continue;
        if (VALUE_PROPS.has(prop.key.name)) this.bindings.set(target, polarity);
        else if (NEGATED_PROPS.has(prop.key.name)) this.bindings.set(target, -polarity as 1 | -1);
      }
    }
  }

  /**
   * The conditionals whose condition can hold the check's value, in file order, so that each check
   * does not analyse every condition of a long file: `polarity` is non-zero only on one of `values`
   * (the check and expressions around it) or on a reference to one of `bindings` (an identifier of
   * the binding's name), so the condition must hold the check or such an identifier.
   */
  private conditionsInvolved(): number[] {
    const found = new Set<number>();
    this.index.conditionsHolding(this.node!, found);
    for (const binding of this.bindings.keys())
      if (binding.type === 'Identifier')
        for (const id of this.index.identifiersNamed(binding.name)) this.index.conditionsHolding(id, found);
    return [...found].sort((a, b) => a - b);
  }

  /** +1/-1 when the expression is the flag's value (truthy means on / off), 0 otherwise. */
  private polarity(expr: Node): 1 | -1 | 0 {
    const direct = this.values.get(expr);
    if (direct) return direct;
    switch (expr.type) {
      case 'Identifier': {
        const def = this.scopes.definitionOf(expr);
        return (def && this.bindings.get(def.name)) || 0;
      }
      case 'TSAsExpression':
      case 'TSNonNullExpression':
      case 'TSSatisfiesExpression':
      case 'ChainExpression':
      case 'AwaitExpression':
        return this.polarity(expr.type === 'AwaitExpression' ? expr.argument : expr.expression);
      case 'MemberExpression': {
        if (expr.computed || expr.property.type !== 'Identifier') return 0;
        const inner = this.polarity(expr.object);
        if (VALUE_PROPS.has(expr.property.name)) return inner;
        if (NEGATED_PROPS.has(expr.property.name)) return -inner as 1 | -1 | 0;
        return 0;
      }
      default:
        return 0;
    }
  }

  /** What the flag's state is when `cond` is truthy / falsy. */
  private implies(cond: Node): Implication {
    const pol = this.polarity(cond);
    if (pol === 1) return { whenTrue: 'on', whenFalse: 'off' };
    if (pol === -1) return { whenTrue: 'off', whenFalse: 'on' };
    switch (cond.type) {
      case 'UnaryExpression':
        if (cond.operator !== '!') return UNKNOWN_COND;
        return swap(this.implies(cond.argument));
      case 'CallExpression':
        // `Boolean(flag)`
        if (cond.callee.type === 'Identifier' && cond.callee.name === 'Boolean' && cond.arguments[0])
          return this.implies(cond.arguments[0]);
        return UNKNOWN_COND;
      case 'LogicalExpression': {
        const a = this.implies(cond.left);
        const b = this.implies(cond.right);
        if (cond.operator === '&&')
          return {
            whenTrue: a.whenTrue ?? b.whenTrue,
            whenFalse: a.whenFalse === b.whenFalse ? a.whenFalse : null,
          };
        if (cond.operator === '||')
          return {
            whenTrue: a.whenTrue === b.whenTrue ? a.whenTrue : null,
            whenFalse: a.whenFalse ?? b.whenFalse,
          };
        return UNKNOWN_COND;
      }
      case 'BinaryExpression':
        return this.comparison(cond);
      default:
        return UNKNOWN_COND;
    }
  }

  /** `flag === true`, `variant === 'treatment'`, `variant !== 'control'`. */
  private comparison(cond: TSESTree.BinaryExpression): Implication {
    const negated = cond.operator === '!==' || cond.operator === '!=';
    if (!negated && cond.operator !== '===' && cond.operator !== '==') return UNKNOWN_COND;
    let ref: Node = cond.left;
    let other: Node = cond.right;
    if (this.polarity(ref) !== 1) [ref, other] = [other, ref];
    if (this.polarity(ref) !== 1 || other.type !== 'Literal') return UNKNOWN_COND;
    let result: Implication;
    if (typeof other.value === 'boolean') {
      result = other.value ? { whenTrue: 'on', whenFalse: 'off' } : { whenTrue: 'off', whenFalse: 'on' };
    } else if (typeof other.value === 'string') {
      // Equal to an "off" variant (`control`) means off, and different from it means on; equal to
      // another variant means on, but different from it may still be on (another treatment).
      result = OFF_VARIANTS.has(other.value.toLowerCase())
        ? { whenTrue: 'off', whenFalse: 'on' }
        : { whenTrue: 'on', whenFalse: null };
    } else return UNKNOWN_COND;
    return negated ? swap(result) : result;
  }

  private conditionalRegions(node: Node, out: GateRegion[]): void {
    switch (node.type) {
      case 'IfStatement': {
        const c = this.implies(node.test);
        if (c.whenTrue === 'on') out.push(branchRegion(node.consequent));
        if (node.alternate && c.whenFalse === 'on') out.push(branchRegion(node.alternate));
        // An early exit: the statements after the `if` run only when it did not exit.
        const survives: State = exits(node.consequent)
          ? c.whenFalse
          : node.alternate && exits(node.alternate)
            ? c.whenTrue
            : null;
        if (survives === 'on') {
          const rest = this.restOfBlock(node);
          if (rest) out.push(rest);
        }
        break;
      }
      case 'ConditionalExpression': {
        const c = this.implies(node.test);
        if (c.whenTrue === 'on') out.push(branchRegion(node.consequent));
        if (c.whenFalse === 'on') out.push(branchRegion(node.alternate));
        break;
      }
      case 'LogicalExpression': {
        const c = this.implies(node.left);
        if (
          (node.operator === '&&' && c.whenTrue === 'on') ||
          (node.operator === '||' && c.whenFalse === 'on')
        )
          out.push(branchRegion(node.right));
        break;
      }
      case 'SwitchStatement': {
        if (this.polarity(node.discriminant) !== 1) break;
        for (const c of node.cases) {
          const test = c.test;
          if (!test || test.type !== 'Literal' || typeof test.value !== 'string') continue;
          if (OFF_VARIANTS.has(test.value.toLowerCase()) || c.consequent.length === 0) continue;
          const first = c.consequent[0]!;
          const last = c.consequent[c.consequent.length - 1]!;
          out.push({ start: first.range[0], end: last.range[1], kind: 'branch', insertAt: first.range[0] });
        }
        break;
      }
    }
  }

  /** The statements after `stmt` in its block (a guard's protected code). */
  private restOfBlock(stmt: Node): GateRegion | undefined {
    const parent = this.index.parents.get(stmt);
    if (!parent) return undefined;
    if (parent.type === 'Program') this.topLevelGuard = true;
    const list =
      parent.type === 'BlockStatement' || parent.type === 'Program'
        ? parent.body
        : parent.type === 'SwitchCase'
          ? parent.consequent
          : undefined;
    if (!list) return undefined;
    const i = (list as Node[]).indexOf(stmt);
    const next = list[i + 1];
    const end =
      parent.type === 'BlockStatement'
        ? parent.range[1] - 1
        : (list[list.length - 1]?.range[1] ?? stmt.range[1]);
    return {
      start: stmt.range[1],
      end: Math.max(end, stmt.range[1]),
      kind: 'guard',
      ...(next ? { insertAt: next.range[0] } : {}),
    };
  }
}

/** The expression a conditional's regions depend on (what `conditionalRegions` tests). */
function conditionOf(node: Node): Node {
  switch (node.type) {
    case 'IfStatement':
    case 'ConditionalExpression':
      return node.test;
    case 'LogicalExpression':
      return node.left;
    case 'SwitchStatement':
      return node.discriminant;
    default:
      return node;
  }
}

function swap(c: Implication): Implication {
  return { whenTrue: c.whenFalse, whenFalse: c.whenTrue };
}

function branchRegion(node: Node): GateRegion {
  const region: GateRegion = { start: node.range[0], end: node.range[1], kind: 'branch' };
  if (node.type === 'BlockStatement') region.insertAt = node.body[0]?.range[0] ?? node.range[0] + 1;
  return region;
}

/** Whether a statement always leaves its block (return, throw, break, continue). */
function exits(stmt: Node): boolean {
  switch (stmt.type) {
    case 'ReturnStatement':
    case 'ThrowStatement':
    case 'BreakStatement':
    case 'ContinueStatement':
      return true;
    case 'BlockStatement': {
      const last = stmt.body[stmt.body.length - 1];
      return last !== undefined && exits(last);
    }
    case 'IfStatement':
      return stmt.alternate !== null && exits(stmt.consequent) && exits(stmt.alternate);
    default:
      return false;
  }
}

// ---- annotations ------------------------------------------------------------------------------

/**
 * An annotation comment (`@feature` and a key) marks the declaration or statement right after it
 * (only comments and blank space between); placed before the file's imports, it marks the whole file.
 */
function annotationRegions(index: FileIndex, entry: GateEntry, text: string): GateRegion[] {
  const comment = index.ast.comments?.find(
    (c) => c.range[0] <= entry.span.startOffset && c.range[1] >= entry.span.endOffset,
  );
  if (!comment) return [];
  let next: Node | undefined;
  for (const node of index.all) {
    if (node.type === 'Program' || node.range[0] < comment.range[1]) continue;
    if (!next || node.range[0] < next.range[0]) next = node;
  }
  if (!next || !/^(\s|\/\/[^\n]*|\/\*[\s\S]*?\*\/)*$/.test(text.slice(comment.range[1], next.range[0])))
    return [];
  // The outermost node starting there (`export function F` rather than `function F`).
  for (let p = index.parents.get(next); p && p.type !== 'Program' && p.range[0] === next.range[0];) {
    next = p;
    p = index.parents.get(p);
  }
  if (next.type === 'ImportDeclaration') return [{ start: 0, end: text.length, kind: 'annotation' }];
  return [{ start: next.range[0], end: next.range[1], kind: 'annotation' }];
}

// ---- functions and uses -----------------------------------------------------------------------

function collectFunctionsAndUses(
  index: FileIndex,
  scopes: ScopeInfo,
  facts: GateFacts,
  isProjectModule: (spec: string) => boolean,
  part: GateScope | undefined,
): void {
  const byNode = new Map<Node, number>();
  const byName = new Map<string, number>();
  const add = (name: string, node: Node, range: Node, exportedAs: string[]) => {
    byNode.set(node, facts.functions.length);
    if (!byName.has(name)) byName.set(name, facts.functions.length);
    facts.functions.push({ name, start: range.range[0], end: range.range[1], exportedAs });
  };
  /** `export function F`, `export default function F`, `export const F = …` (node: the declaration). */
  const exportsOf = (node: Node, name: string): string[] => {
    const parent = index.parents.get(node);
    if (parent?.type === 'ExportDefaultDeclaration') return ['default'];
    if (parent?.type === 'ExportNamedDeclaration') return [name];
    return [];
  };
  for (const node of index.all) {
    if ((node.type === 'FunctionDeclaration' || node.type === 'ClassDeclaration') && node.id) {
      add(node.id.name, node, node, exportsOf(node, node.id.name));
    } else if (
      (node.type === 'FunctionDeclaration' || node.type === 'ClassDeclaration') &&
      index.parents.get(node)?.type === 'ExportDefaultDeclaration'
    ) {
      add('default', node, node, ['default']);
    } else if (node.type === 'VariableDeclarator' && node.id.type === 'Identifier' && node.init) {
      if (isFunctionLike(node.init))
        add(node.id.name, node, node, exportsOf(index.parents.get(node)!, node.id.name));
    }
  }
  // `export { A, B as C }` and `export default A` name local functions.
  for (const stmt of part?.statements ?? index.ast.body) {
    if (stmt.type === 'ExportNamedDeclaration' && !stmt.source) {
      for (const spec of stmt.specifiers) {
        const exported =
          spec.exported.type === 'Identifier' ? spec.exported.name : String(spec.exported.value);
        const i = spec.local.type === 'Identifier' ? byName.get(spec.local.name) : undefined;
        if (i !== undefined) facts.functions[i]!.exportedAs.push(exported);
      }
    } else if (stmt.type === 'ExportDefaultDeclaration' && stmt.declaration.type === 'Identifier') {
      const i = byName.get(stmt.declaration.name);
      if (i !== undefined) facts.functions[i]!.exportedAs.push('default');
    }
  }
  for (const node of index.all) {
    let id: TSESTree.Identifier | TSESTree.JSXIdentifier | undefined;
    if (
      node.type === 'JSXOpeningElement' &&
      node.name.type === 'JSXIdentifier' &&
      /^[A-Z]/.test(node.name.name)
    )
      id = node.name;
    else if (node.type === 'CallExpression' && node.callee.type === 'Identifier') id = node.callee;
    if (!id) continue;
    const target = useTarget(scopes.definitionOf(id), byNode, isProjectModule, part?.outside);
    if (target) facts.uses.push({ span: nodeSpan(node), name: id.name, target });
  }
}

function useTarget(
  def: Definition | undefined,
  byNode: Map<Node, number>,
  isProjectModule: (spec: string) => boolean,
  outside: ((node: Node) => number | undefined) | undefined,
): UseTarget | undefined {
  if (!def) return undefined;
  if (def.type === 'ImportBinding') {
    const from = importSource(def);
    if (from === null || !isProjectModule(from)) return undefined;
    const spec = def.node;
    if (spec.type === 'ImportDefaultSpecifier') return { kind: 'import', from, name: 'default' };
    if (spec.type === 'ImportSpecifier') {
      const name = spec.imported.type === 'Identifier' ? spec.imported.name : String(spec.imported.value);
      return { kind: 'import', from, name };
    }
    return undefined;
  }
  // Parameters and other bindings are not functions of this file, even when their node is one.
  if (def.type !== 'FunctionName' && def.type !== 'Variable' && def.type !== 'ClassName') return undefined;
  const index = byNode.get(def.node as Node);
  if (index === undefined && outside) {
    const n = outside(def.node as Node);
    return n === undefined ? undefined : { kind: 'local', index: -1 - n };
  }
  return index === undefined ? undefined : { kind: 'local', index };
}

/** A function, or a function wrapped by a higher-order call (`memo(() => …)`, `forwardRef(function …)`). */
function isFunctionLike(node: Node): boolean {
  if (node.type === 'ArrowFunctionExpression' || node.type === 'FunctionExpression') return true;
  if (node.type === 'CallExpression') return node.arguments.some((a) => isFunctionLike(a));
  if (node.type === 'TSAsExpression' || node.type === 'TSSatisfiesExpression')
    return isFunctionLike(node.expression);
  return false;
}

function functionName(fn: Node, index: FileIndex): string | undefined {
  if ((fn.type === 'FunctionDeclaration' || fn.type === 'FunctionExpression') && fn.id) return fn.id.name;
  for (let p = index.parents.get(fn); p; p = index.parents.get(p)) {
    if (p.type === 'VariableDeclarator') return p.id.type === 'Identifier' ? p.id.name : undefined;
    if (p.type === 'Property' || p.type === 'MethodDefinition')
      return p.key.type === 'Identifier' ? p.key.name : undefined;
    if (p.type !== 'CallExpression') return undefined;
  }
  return undefined;
}
