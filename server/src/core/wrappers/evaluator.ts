// The evaluator used for wrapper discovery: besides constant names it gives symbolic values to
// functions (numbered per file), their parameters, classes, call results, instances and proxies, so
// that "this parameter flows into that SDK call's name" and "this binding is what that hook returns"
// are plain data the workspace pass can follow across files.
import type { WalkedNodes } from '../ast-index';
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { visitorKeys } from '@typescript-eslint/visitor-keys';
import { type Definition, patternPath, propertyKeyName, type ScopeInfo } from '../scope';
import { concat, Evaluator, member, UNKNOWN, type Val } from '../values';

export type FunctionNode =
  TSESTree.FunctionDeclaration | TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression;

type ClassNode = TSESTree.ClassDeclaration | TSESTree.ClassExpression;

const ANONYMOUS = '<anonymous>';

/** React hooks that hand back the function they are given (`useCallback`) or what it returns (`useMemo`). */
const PASS_THROUGH = new Set(['useCallback', 'useEvent', 'useEffectEvent', 'useStableCallback']);
const RETURN_OF = new Set(['useMemo']);

export class SymbolicEvaluator extends Evaluator {
  private readonly ids = new Map<TSESTree.Node, number>();
  /** Function nodes by id, in the order they were first referred to. */
  readonly functions: FunctionNode[] = [];
  /** Proxy `get` traps by function id: the name of the binding the proxy is assigned to. */
  readonly proxyNames = new Map<number, string>();
  private readonly classes = new Map<ClassNode, Val>();
  private readonly pending = new Set<TSESTree.Node>();
  private parentMap?: Map<TSESTree.Node, TSESTree.Node>;

  constructor(
    private readonly scopeInfo: ScopeInfo,
    private readonly root: TSESTree.Program,
    /** The file's nodes and parents, walked once for the whole extraction (made on first use). */
    private readonly walked?: () => WalkedNodes,
    /** Told of each function numbered (their positions are read: the keystroke path settles them). */
    private readonly onFunction?: (node: TSESTree.Node) => void,
  ) {
    super(scopeInfo);
  }

  override evaluate(node: TSESTree.Node): Val {
    switch (node.type) {
      case 'ArrowFunctionExpression':
      case 'FunctionExpression':
      case 'FunctionDeclaration':
        return { k: 'fn', id: this.idOf(node) };
      case 'ClassDeclaration':
      case 'ClassExpression':
        return this.classValue(node);
      case 'CallExpression':
      case 'NewExpression':
      case 'ThisExpression':
        if (this.pending.has(node)) return UNKNOWN;
        this.pending.add(node);
        try {
          if (node.type === 'ThisExpression') return this.thisValue(node);
          return node.type === 'CallExpression' ? this.callValue(node) : this.newValue(node);
        } finally {
          this.pending.delete(node);
        }
      default:
        return super.evaluate(node);
    }
  }

  override evaluateDefinition(def: Definition): Val {
    switch (def.type) {
      case 'Parameter':
        return this.parameterValue(def);
      case 'FunctionName':
        return def.node.type === 'TSDeclareFunction' || def.node.type === 'TSEmptyBodyFunctionExpression'
          ? UNKNOWN
          : { k: 'fn', id: this.idOf(def.node) };
      case 'ClassName':
        return def.node.type === 'ClassDeclaration' || def.node.type === 'ClassExpression'
          ? this.classValue(def.node)
          : UNKNOWN;
      default:
        return super.evaluateDefinition(def);
    }
  }

  /** A component name in JSX (`<FeatureGate>`): scope analysis resolves it like an identifier. */
  evaluateJsxName(id: TSESTree.JSXIdentifier): Val {
    const def = this.scopeInfo.definitionOf(id as unknown as TSESTree.Identifier);
    return def ? this.evaluateDefinition(def) : UNKNOWN;
  }

  /** The number of a function node, allocated on first reference. */
  idOf(node: FunctionNode): number {
    let id = this.ids.get(node);
    if (id === undefined) {
      this.onFunction?.(node);
      id = this.functions.length;
      this.ids.set(node, id);
      this.functions.push(node);
    }
    return id;
  }

  /** Parent of a node (typescript-estree does not link parents; built on first use). */
  parentOf(node: TSESTree.Node): TSESTree.Node | undefined {
    if (this.walked) return this.walked().parentOf(node);
    if (!this.parentMap) {
      const parents = new Map<TSESTree.Node, TSESTree.Node>();
      const stack: TSESTree.Node[] = [this.root];
      const link = (c: unknown, n: TSESTree.Node) => {
        if (c && typeof (c as TSESTree.Node).type === 'string') {
          parents.set(c as TSESTree.Node, n);
          stack.push(c as TSESTree.Node);
        }
      };
      while (stack.length) {
        const n = stack.pop()!;
        for (const key of visitorKeys[n.type] ?? []) {
          const child = (n as unknown as Record<string, unknown>)[key];
          if (Array.isArray(child)) for (const c of child) link(c, n);
          else link(child, n);
        }
      }
      this.parentMap = parents;
    }
    return this.parentMap.get(node);
  }

  // ---- parameters ------------------------------------------------------------------------------

  /** Whether an identifier is a parameter declared with a string type (`name: string`, `'a' | 'b'`). */
  declaredAsString(node: TSESTree.Node): boolean {
    if (node.type !== 'Identifier') return false;
    const def = this.scopeInfo.definitionOf(node);
    const annotation = def?.type === 'Parameter' ? def.name.typeAnnotation?.typeAnnotation : undefined;
    return annotation !== undefined && isStringType(annotation);
  }

  private parameterValue(def: Definition): Val {
    const fn = def.node;
    if (
      fn.type !== 'FunctionDeclaration' &&
      fn.type !== 'FunctionExpression' &&
      fn.type !== 'ArrowFunctionExpression'
    ) {
      return UNKNOWN;
    }
    for (let index = 0; index < fn.params.length; index++) {
      const param = fn.params[index]!;
      const pattern = param.type === 'TSParameterProperty' ? param.parameter : param;
      if (pattern.type === 'RestElement') continue;
      const path = patternPath(pattern, def.name);
      if (path !== null) return { k: 'param', fn: this.idOf(fn), index, path };
    }
    return UNKNOWN;
  }

  // ---- calls, instances, proxies -------------------------------------------------------------

  private callValue(node: TSESTree.CallExpression): Val {
    const callee = node.callee;
    const name =
      callee.type === 'Identifier'
        ? callee.name
        : callee.type === 'MemberExpression' && !callee.computed && callee.property.type === 'Identifier'
          ? callee.property.name
          : null;
    const first = node.arguments[0];
    if (name !== null && first && first.type !== 'SpreadElement') {
      if (PASS_THROUGH.has(name)) return this.evaluate(first);
      if (RETURN_OF.has(name)) return { k: 'call', callee: this.evaluate(first) };
    }
    if (callee.type === 'MemberExpression' && name === 'join' && callee.object.type === 'ArrayExpression') {
      return this.joined(callee.object, first);
    }
    if (callee.type === 'MemberExpression' && name === 'bind') return this.evaluate(callee.object);
    const base = super.evaluate(node); // `Object.freeze({...})`
    if (base.k !== 'unknown') return base;
    const fn = this.evaluate(callee);
    return fn.k === 'unknown' ? UNKNOWN : { k: 'call', callee: fn };
  }

  /** `[category, action].join(' ')`: a name built from parts, like a template. */
  private joined(array: TSESTree.ArrayExpression, separator: TSESTree.Node | undefined): Val {
    const sep = separator ? this.evaluate(separator) : { k: 'str' as const, v: ',', via: 'literal' as const };
    if (sep.k !== 'str') return UNKNOWN;
    const parts: Val[] = [];
    array.elements.forEach((element, i) => {
      if (i > 0 && sep.v) parts.push(sep);
      parts.push(element && element.type !== 'SpreadElement' ? this.evaluate(element) : UNKNOWN);
    });
    return concat(parts);
  }

  private newValue(node: TSESTree.NewExpression): Val {
    if (
      node.callee.type === 'Identifier' &&
      node.callee.name === 'Proxy' &&
      !this.scopeInfo.definitionOf(node.callee)
    ) {
      const handler = node.arguments[1];
      if (!handler || handler.type === 'SpreadElement') return UNKNOWN;
      const get = member(this.evaluate(handler), 'get');
      if (get.k === 'fn' && !this.proxyNames.has(get.id)) this.proxyNames.set(get.id, this.bindingName(node));
      return { k: 'proxy', get };
    }
    const cls = this.evaluate(node.callee);
    return cls.k === 'unknown' ? UNKNOWN : { k: 'new', callee: cls };
  }

  /** The name a value is bound to: `const tracker = <node>` → `tracker`; `useX()` for what a hook returns. */
  bindingName(node: TSESTree.Node, depth = 0): string {
    let current = node;
    for (let parent = this.parentOf(current); parent; current = parent, parent = this.parentOf(parent)) {
      switch (parent.type) {
        case 'VariableDeclarator':
          return parent.id.type === 'Identifier' ? parent.id.name : ANONYMOUS;
        case 'AssignmentExpression':
          return this.text(parent.left);
        case 'Property': {
          const key = propertyKeyName(parent) ?? ANONYMOUS;
          const owner = depth < 8 ? this.bindingName(this.parentOf(parent)!, depth + 1) : ANONYMOUS;
          return owner === ANONYMOUS ? key : `${owner}.${key}`;
        }
        case 'PropertyDefinition':
        case 'MethodDefinition': {
          const key = parent.computed
            ? '<computed>'
            : (propertyKeyName(parent as TSESTree.PropertyDefinition) ?? ANONYMOUS);
          const cls = this.parentOf(this.parentOf(parent)!);
          const owner =
            cls && (cls.type === 'ClassDeclaration' || cls.type === 'ClassExpression')
              ? (cls.id?.name ?? (depth < 8 ? this.bindingName(cls, depth + 1) : ANONYMOUS))
              : ANONYMOUS;
          return `${owner}.${key}`;
        }
        case 'ExportDefaultDeclaration':
          return 'default';
        case 'ReturnStatement':
        case 'ArrowFunctionExpression': {
          // What a hook or factory returns: `useTelemetry()`.
          const fn = parent.type === 'ReturnStatement' ? this.enclosingFunction(parent) : parent;
          const name = fn && depth < 8 ? this.functionName(fn, depth + 1) : ANONYMOUS;
          return name === ANONYMOUS ? ANONYMOUS : `${name}()`;
        }
        case 'TSAsExpression':
        case 'TSSatisfiesExpression':
        case 'TSNonNullExpression':
        case 'ChainExpression':
          continue;
        case 'CallExpression':
          // `useCallback((name) => …, [])`: named after what the call is bound to.
          if (parent.callee === current) return ANONYMOUS;
          continue;
        default:
          return ANONYMOUS;
      }
    }
    return ANONYMOUS;
  }

  /** A function's name for explanations: its own, or the name of what it is bound to. */
  functionName(fn: FunctionNode, depth = 0): string {
    if (fn.type === 'FunctionDeclaration' && fn.id) return fn.id.name;
    if (fn.type === 'FunctionExpression' && fn.id) return fn.id.name;
    return this.bindingName(fn, depth);
  }

  private enclosingFunction(node: TSESTree.Node): FunctionNode | undefined {
    for (let n = this.parentOf(node); n; n = this.parentOf(n)) {
      if (
        n.type === 'FunctionDeclaration' ||
        n.type === 'FunctionExpression' ||
        n.type === 'ArrowFunctionExpression'
      ) {
        return n;
      }
    }
    return undefined;
  }

  private text(node: TSESTree.Node): string {
    if (node.type === 'Identifier') return node.name;
    if (node.type === 'MemberExpression' && !node.computed && node.property.type === 'Identifier') {
      return `${this.text(node.object)}.${node.property.name}`;
    }
    if (node.type === 'ThisExpression') return 'this';
    return ANONYMOUS;
  }

  // ---- classes -------------------------------------------------------------------------------

  private classValue(node: ClassNode): Val {
    const cached = this.classes.get(node);
    if (cached) return cached;
    const statics: Record<string, Val> = {};
    const proto: Record<string, Val> = {};
    const val: Val = { k: 'class', statics, proto };
    this.classes.set(node, val);
    for (const element of node.body.body) {
      if (element.type !== 'MethodDefinition' && element.type !== 'PropertyDefinition') continue;
      if (element.type === 'MethodDefinition' && element.kind !== 'method') continue;
      const key = element.computed ? null : propertyKeyName(element as TSESTree.PropertyDefinition);
      if (key === null || !element.value) continue;
      const value = element.value;
      if (value.type !== 'FunctionExpression' && value.type !== 'ArrowFunctionExpression') continue;
      (element.static ? statics : proto)[key] = { k: 'fn', id: this.idOf(value) };
    }
    return val;
  }

  /**
   * What `this.name` was initialised to in a class: a field initialiser, or an assignment at the top
   * level of the constructor (`this.segment = AnalyticsBrowser.load(…)`).
   */
  thisField(node: TSESTree.MemberExpression): TSESTree.Node | undefined {
    if (node.object.type !== 'ThisExpression' || node.computed || node.property.type !== 'Identifier')
      return undefined;
    const name = node.property.name;
    const owner = this.thisOwner(node.object);
    if (!owner) return undefined;
    for (const element of owner.cls.body.body) {
      if (element.type === 'PropertyDefinition' && element.static === owner.isStatic && element.value) {
        if (!element.computed && propertyKeyName(element) === name) return element.value;
      }
      if (element.type === 'MethodDefinition' && element.kind === 'constructor' && !owner.isStatic) {
        for (const stmt of element.value.body?.body ?? []) {
          const expr = stmt.type === 'ExpressionStatement' ? stmt.expression : undefined;
          if (
            expr?.type === 'AssignmentExpression' &&
            expr.operator === '=' &&
            expr.left.type === 'MemberExpression' &&
            expr.left.object.type === 'ThisExpression' &&
            !expr.left.computed &&
            expr.left.property.type === 'Identifier' &&
            expr.left.property.name === name
          ) {
            return expr.right;
          }
        }
      }
    }
    return undefined;
  }

  /** `this` inside a method: the class (static methods) or an instance of it. */
  private thisValue(node: TSESTree.ThisExpression): Val {
    const owner = this.thisOwner(node);
    if (!owner) return UNKNOWN;
    const val = this.classValue(owner.cls);
    return owner.isStatic ? val : { k: 'new', callee: val };
  }

  /** The class whose method (or field initialiser) a `this` is in, and whether it is static. */
  private thisOwner(node: TSESTree.ThisExpression): { cls: ClassNode; isStatic: boolean } | undefined {
    for (let n = this.parentOf(node); n; n = this.parentOf(n)) {
      let member: TSESTree.Node | undefined;
      if (n.type === 'FunctionDeclaration' || n.type === 'FunctionExpression') {
        member = this.parentOf(n);
        if (member?.type !== 'MethodDefinition') return undefined;
      } else if (n.type === 'PropertyDefinition') {
        member = n;
      } else {
        continue; // arrow functions keep the `this` of where they are written
      }
      const cls = this.parentOf(this.parentOf(member)!);
      if (cls?.type !== 'ClassDeclaration' && cls?.type !== 'ClassExpression') return undefined;
      return { cls, isStatic: (member as TSESTree.MethodDefinition | TSESTree.PropertyDefinition).static };
    }
    return undefined;
  }
}

function isStringType(type: TSESTree.TypeNode): boolean {
  switch (type.type) {
    case 'TSStringKeyword':
    case 'TSTemplateLiteralType':
      return true;
    case 'TSLiteralType':
      return type.literal.type === 'Literal' && typeof type.literal.value === 'string';
    case 'TSUnionType':
      return type.types.every(isStringType);
    default:
      return false;
  }
}
