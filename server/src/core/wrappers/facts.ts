// Per-file facts for wrapper discovery: the file's functions (what they return, for hooks and
// factories) and the calls whose callee is a value of the program rather than an SDK, with their
// arguments as symbolic values. Plain data: the workspace pass (discover.ts) decides which of these
// functions are wrappers and which calls are calls to them.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { expressionRoot, nodeSpan, nodeText, unwrap, walk } from '../ast';
import type { ModuleKind } from '../chains';
import { importSource, propertyKeyName, type ScopeInfo } from '../scope';
import type { Span } from '../types';
import { member, NAME_PARTS, UNKNOWN, type Val } from '../values';
import type { FunctionNode, SymbolicEvaluator } from './evaluator';

export interface FunctionFacts {
  /** For explanations: `trackEvent`, `TelemetryService.track`, `telemetry.track`, `<anonymous>`. */
  name: string;
  span: Span;
  /** What the function may return (hooks and factories that hand out a tracker). */
  returns: Val[];
  /** For a Proxy's `get` trap: the binding the proxy is assigned to. */
  proxy?: string;
}

export interface ArgumentFacts {
  val: Val;
  /** Source text (folded to one line), for unresolved names. */
  text: string;
  span: Span;
  /** For object literal arguments (and JSX attributes): where each property's value is written. */
  props?: Record<string, { text: string; span: Span }>;
}

export interface CallFacts {
  callee: Val;
  /** The callee as written, e.g. `trackSnapshot`, `analyticsService.track`, `<Feature>`. */
  calleeText: string;
  span: Span;
  args: ArgumentFacts[];
  /** A property read, not a call (`flags.newNav` on a Proxy whose `get` checks a flag). */
  read?: true;
}

export interface WrapperFacts {
  /** Indexed by the ids of `{ k: 'fn' }` and `{ k: 'param' }` values of this file. */
  functions: FunctionFacts[];
  calls: CallFacts[];
}

export interface WrapperContext {
  ast: TSESTree.Program;
  text: string;
  scopes: ScopeInfo;
  evaluator: SymbolicEvaluator;
  classifyModule: (spec: string) => ModuleKind;
}

const MAX_TEXT = 160;
const MAX_RETURNS = 4;

/**
 * Collects the calls worth resolving at workspace level while the extractor walks the file (one walk
 * for both), then describes every function referred to.
 */
export class WrapperCollector {
  /**
   * Also the calls and reads that may turn out to be flag checks through a wrapper: the extraction
   * computes what they would gate (extract.ts `gateEntries`).
   */
  readonly calls: CallFacts[] = [];

  constructor(private readonly ctx: WrapperContext) {}

  visit(node: TSESTree.Node): void {
    let call: CallFacts | null = null;
    if (node.type === 'CallExpression') call = callFacts(this.ctx, node);
    else if (node.type === 'JSXOpeningElement') call = jsxFacts(this.ctx, node);
    else if (node.type === 'MemberExpression') call = readFacts(this.ctx, node);
    if (call) this.calls.push(call);
  }

  finish(): WrapperFacts {
    return { functions: functionFacts(this.ctx), calls: this.calls };
  }
}

// ---- calls -----------------------------------------------------------------------------------

function callFacts(ctx: WrapperContext, call: TSESTree.CallExpression): CallFacts | null {
  if (call.callee.type === 'Super') return null;
  const member = unwrap(call.callee).type === 'MemberExpression';
  // A call without arguments passes no name, unless it is a method that a Proxy may intercept.
  if (call.arguments.length === 0 && !member) return null;
  if (!mayBeProjectValue(ctx, call.callee)) return null;
  const callee = ctx.evaluator.evaluate(call.callee);
  if (!worthResolving(callee, ctx.classifyModule)) return null;
  const args: ArgumentFacts[] = [];
  for (const arg of call.arguments) {
    if (arg.type === 'SpreadElement') break; // positions after a spread are unknown
    args.push(argumentFacts(ctx, arg));
  }
  return {
    callee,
    calleeText: nodeText(ctx.text, call.callee).replace(/\s+/g, ''),
    span: nodeSpan(call),
    args,
  };
}

/**
 * `flags.newNav` where `flags` is a Proxy (here or imported from the project): the read itself may
 * be a flag check. Only direct reads of a binding; calls are `callFacts`.
 */
function readFacts(ctx: WrapperContext, node: TSESTree.MemberExpression): CallFacts | null {
  if (node.object.type !== 'Identifier') return null;
  // Cheap checks first: this runs for every `x.y` of the file.
  const def = ctx.scopes.definitionOf(node.object);
  if (def?.type === 'ImportBinding') {
    const from = importSource(def);
    if (from === null || ctx.classifyModule(from) !== 'project') return null;
  } else if (def?.type !== 'Variable' || def.node.init?.type !== 'NewExpression') {
    return null;
  }
  const base = ctx.evaluator.evaluate(node.object);
  const candidate =
    base.k === 'proxy' ||
    (base.k === 'import' &&
      base.name !== '*' &&
      base.path.length === 0 &&
      ctx.classifyModule(base.from) === 'project');
  if (!candidate) return null;
  const name = ctx.evaluator.memberName(node);
  if (name === null) return null;
  let parent = ctx.evaluator.parentOf(node);
  let child: TSESTree.Node = node;
  while (parent?.type === 'ChainExpression' || parent?.type === 'TSNonNullExpression') {
    child = parent;
    parent = ctx.evaluator.parentOf(parent);
  }
  if (parent?.type === 'CallExpression' && parent.callee === child) return null;
  if (parent?.type === 'AssignmentExpression' && parent.left === child) return null;
  return {
    callee: member(base, name),
    calleeText: nodeText(ctx.text, node.object),
    span: nodeSpan(node),
    args: [],
    read: true,
  };
}

/** `<FeatureGate flag="checkout-v2">` calls the component with its attributes as one object. */
function jsxFacts(ctx: WrapperContext, element: TSESTree.JSXOpeningElement): CallFacts | null {
  if (element.attributes.length === 0) return null;
  const callee = jsxNameValue(ctx, element.name);
  if (!worthResolving(callee, ctx.classifyModule)) return null;
  const values: Record<string, Val> = {};
  const props: Record<string, { text: string; span: Span }> = {};
  for (const attr of element.attributes) {
    if (attr.type !== 'JSXAttribute' || attr.name.type !== 'JSXIdentifier' || !attr.value) continue;
    const value = attr.value.type === 'JSXExpressionContainer' ? attr.value.expression : attr.value;
    if (value.type === 'JSXEmptyExpression') continue;
    const val = ctx.evaluator.evaluate(value);
    if (!NAME_PARTS.has(val.k)) continue; // handlers, children, styles: never a name
    values[attr.name.name] = val;
    props[attr.name.name] = { text: clip(nodeText(ctx.text, value)), span: nodeSpan(value) };
  }
  if (Object.keys(values).length === 0) return null;
  const name = nodeText(ctx.text, element.name);
  return {
    callee,
    calleeText: `<${name}>`,
    span: nodeSpan(element),
    args: [{ val: { k: 'obj', props: values, via: 'object' }, text: '{…}', span: nodeSpan(element), props }],
  };
}

function jsxNameValue(ctx: WrapperContext, name: TSESTree.JSXTagNameExpression): Val {
  if (name.type === 'JSXIdentifier') return ctx.evaluator.evaluateJsxName(name);
  if (name.type === 'JSXMemberExpression') {
    const base = jsxNameValue(ctx, name.object);
    return base.k === 'unknown' ? base : member(base, name.property.name);
  }
  return UNKNOWN;
}

function argumentFacts(ctx: WrapperContext, arg: TSESTree.Expression): ArgumentFacts {
  const inner = unwrap(arg);
  const out: ArgumentFacts = {
    val: ctx.evaluator.evaluate(arg),
    text: inner.type === 'ObjectExpression' ? '{…}' : clip(nodeText(ctx.text, arg)),
    span: nodeSpan(arg),
  };
  if (inner.type === 'ObjectExpression') {
    const props: Record<string, { text: string; span: Span }> = {};
    for (const prop of inner.properties) {
      if (prop.type !== 'Property' || prop.computed) continue;
      const key = propertyKeyName(prop);
      if (key !== null)
        props[key] = { text: clip(nodeText(ctx.text, prop.value)), span: nodeSpan(prop.value) };
    }
    out.props = props;
  }
  return out;
}

/** The identifier an expression starts from is not a parameter or a global (which cannot be followed). */
function mayBeProjectValue(ctx: WrapperContext, node: TSESTree.Node): boolean {
  const root = expressionRoot(node);
  if (root.type === 'ThisExpression') return true;
  if (root.type !== 'Identifier') return false;
  const def = ctx.scopes.definitionOf(root);
  return def !== undefined && def.type !== 'Parameter' && def.type !== 'CatchClause';
}

/**
 * Whether a callee may lead to a wrapper: something defined in this file or imported from a module
 * of the project. Parameters, globals and npm packages cannot (SDK packages are the catalogue's).
 */
function worthResolving(val: Val, classifyModule: (spec: string) => ModuleKind): boolean {
  switch (val.k) {
    case 'fn':
    case 'class':
    case 'proxy':
    case 'obj':
      return true;
    case 'import':
      return classifyModule(val.from) === 'project';
    case 'call':
    case 'new':
      return worthResolving(val.callee, classifyModule);
    case 'prop':
      return worthResolving(val.of, classifyModule);
    default:
      return false;
  }
}

// ---- functions -------------------------------------------------------------------------------

function functionFacts(ctx: WrapperContext): FunctionFacts[] {
  const out: FunctionFacts[] = [];
  // Describing a function may refer to more functions (what it returns): the list grows as we go.
  for (let id = 0; id < ctx.evaluator.functions.length; id++) {
    const node = ctx.evaluator.functions[id]!;
    const facts: FunctionFacts = {
      name: ctx.evaluator.functionName(node),
      span: nodeSpan(node),
      returns: returns(ctx, node),
    };
    const proxy = ctx.evaluator.proxyNames.get(id);
    if (proxy !== undefined) facts.proxy = proxy;
    out.push(facts);
  }
  return out;
}

/** Values that are, or may hold, functions: what hooks and factories hand out. */
export const HOLDS_FUNCTIONS: ReadonlySet<Val['k']> = new Set([
  'fn',
  'class',
  'obj',
  'new',
  'proxy',
  'call',
  'prop',
  'import',
]);

function returns(ctx: WrapperContext, fn: FunctionNode): Val[] {
  const exprs: TSESTree.Node[] = [];
  if (fn.body?.type === 'BlockStatement') {
    walk(fn.body, (node) => {
      if (node.type === 'ReturnStatement') {
        if (node.argument) exprs.push(node.argument);
        return false;
      }
      // Returns of nested functions and classes are theirs, not this function's.
      return !(
        node.type === 'FunctionDeclaration' ||
        node.type === 'FunctionExpression' ||
        node.type === 'ArrowFunctionExpression' ||
        node.type === 'ClassDeclaration' ||
        node.type === 'ClassExpression'
      );
    });
  } else if (fn.body) {
    exprs.push(fn.body);
  }
  const out: Val[] = [];
  for (const expr of exprs) {
    const val = ctx.evaluator.evaluate(expr);
    if (HOLDS_FUNCTIONS.has(val.k)) out.push(val);
    if (out.length >= MAX_RETURNS) break;
  }
  return out;
}

// ---- helpers ---------------------------------------------------------------------------------

function clip(text: string): string {
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT - 1)}…` : text;
}
