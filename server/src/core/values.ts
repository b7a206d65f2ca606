// Static evaluation of name and key expressions to symbolic values. A value may point into another
// module (`import`); the linker resolves those once every file's exports are known. Anything that is
// not statically certain evaluates to `unknown`: names are never guessed.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { ResolvedFrom } from './types';
import { type Definition, importSource, patternPath, propertyKeyName, type ScopeInfo } from './scope';

export type Val =
  | { k: 'str'; v: string; via: ResolvedFrom }
  | { k: 'obj'; props: Record<string, Val>; via: ResolvedFrom }
  /** A binding imported from `from`: `name` is the export (`default`, `*` for a namespace), `path` the properties read off it. */
  | { k: 'import'; from: string; name: string; path: string[] }
  | { k: 'concat'; parts: Val[] }
  // The kinds below describe functions and what flows through them; only the wrapper analysis
  // (wrappers/evaluator.ts) produces them, the base evaluator never does.
  /** Parameter `index` of function `fn` of this file (`path`: properties read off it). */
  | { k: 'param'; fn: number; index: number; path: string[] }
  /** Function `id` of this file (its facts are `FileFacts.wrappers.functions[id]`). */
  | { k: 'fn'; id: number }
  | { k: 'class'; statics: Record<string, Val>; proto: Record<string, Val> }
  /** What calling `callee` returns. */
  | { k: 'call'; callee: Val }
  /** An instance of the class `callee`. */
  | { k: 'new'; callee: Val }
  /** Property `name` of a value that only the workspace pass can see into (a call result, an instance). */
  | { k: 'prop'; of: Val; name: string }
  /** `new Proxy(target, { get })`: every property read goes through `get`. */
  | { k: 'proxy'; get: Val }
  | { k: 'unknown' };

export const UNKNOWN: Val = { k: 'unknown' };

const RANK: Record<ResolvedFrom, number> = {
  literal: 0,
  template: 1,
  const: 2,
  enum: 3,
  object: 4,
  import: 5,
};

/** The most indirect of two provenances: a template of an imported constant was resolved from an import. */
export function strongerVia(a: ResolvedFrom, b: ResolvedFrom): ResolvedFrom {
  return RANK[a] >= RANK[b] ? a : b;
}

export function withVia(val: Val, via: ResolvedFrom): Val {
  if (val.k === 'str' || val.k === 'obj') return { ...val, via: strongerVia(val.via, via) };
  return val;
}

/** Reads one property off a value (`EVENTS.X`), keeping cross-module reads symbolic. */
export function member(val: Val, name: string): Val {
  switch (val.k) {
    case 'obj': {
      const prop = Object.prototype.hasOwnProperty.call(val.props, name) ? val.props[name] : undefined;
      return prop ? withVia(prop, val.via) : UNKNOWN;
    }
    case 'import':
      return { ...val, path: [...val.path, name] };
    case 'param':
      return { ...val, path: [...val.path, name] };
    case 'class': {
      const prop = Object.prototype.hasOwnProperty.call(val.statics, name) ? val.statics[name] : undefined;
      return prop ?? UNKNOWN;
    }
    case 'fn':
    case 'call':
    case 'new':
    case 'prop':
    case 'proxy':
      return { k: 'prop', of: val, name };
    default:
      return UNKNOWN;
  }
}

/** Kinds that may take part in a name: strings, and what the linker or the wrapper pass can resolve. */
export const NAME_PARTS: ReadonlySet<Val['k']> = new Set(['str', 'import', 'concat', 'param']);

/** Joins parts of a template or `+` chain: a string when all parts are known, else symbolic. */
export function concat(parts: Val[]): Val {
  if (parts.some((p) => !NAME_PARTS.has(p.k))) return UNKNOWN;
  if (parts.every((p) => p.k === 'str')) {
    const strs = parts as Extract<Val, { k: 'str' }>[];
    const via = strs.reduce<ResolvedFrom>((acc, p) => strongerVia(acc, p.via), 'template');
    return { k: 'str', v: strs.map((p) => p.v).join(''), via };
  }
  return { k: 'concat', parts };
}

export class Evaluator {
  private readonly active = new Set<TSESTree.Node>();

  constructor(private readonly scopes: ScopeInfo) {}

  evaluate(node: TSESTree.Node): Val {
    if (this.active.has(node)) return UNKNOWN; // a cycle such as `const a = b; const b = a`
    this.active.add(node);
    try {
      return this.evaluateNode(node);
    } finally {
      this.active.delete(node);
    }
  }

  private evaluateNode(node: TSESTree.Node): Val {
    switch (node.type) {
      case 'Literal':
        return typeof node.value === 'string' ? { k: 'str', v: node.value, via: 'literal' } : UNKNOWN;
      case 'TemplateLiteral': {
        if (node.expressions.length === 0)
          return { k: 'str', v: node.quasis[0]?.value.cooked ?? '', via: 'template' };
        const parts: Val[] = [];
        node.quasis.forEach((quasi, i) => {
          if (quasi.value.cooked === null) parts.push(UNKNOWN);
          else if (quasi.value.cooked) parts.push({ k: 'str', v: quasi.value.cooked, via: 'template' });
          const expr = node.expressions[i];
          if (expr) parts.push(this.evaluate(expr));
        });
        return concat(parts);
      }
      case 'BinaryExpression':
        if (node.operator !== '+') return UNKNOWN;
        return concat([this.evaluate(node.left), this.evaluate(node.right)]);
      case 'TSAsExpression':
      case 'TSSatisfiesExpression':
      case 'TSTypeAssertion':
      case 'TSNonNullExpression':
        return this.evaluate(node.expression);
      case 'ChainExpression':
        return this.evaluate(node.expression);
      case 'Identifier':
        return this.evaluateIdentifier(node);
      case 'MemberExpression': {
        const name = this.memberName(node);
        return name === null ? UNKNOWN : member(this.evaluate(node.object), name);
      }
      case 'ObjectExpression':
        return this.evaluateObject(node);
      case 'CallExpression':
        // `Object.freeze({...})` is the pre-`as const` way to declare a constants object.
        if (
          node.callee.type === 'MemberExpression' &&
          node.callee.object.type === 'Identifier' &&
          node.callee.object.name === 'Object' &&
          !node.callee.computed &&
          node.callee.property.type === 'Identifier' &&
          node.callee.property.name === 'freeze' &&
          node.arguments[0]
        ) {
          return this.evaluate(node.arguments[0]);
        }
        return UNKNOWN;
      default:
        return UNKNOWN;
    }
  }

  /** The static name read by a member expression: `a.b`, `a['b']`, `a[CONST]`. */
  memberName(node: TSESTree.MemberExpression): string | null {
    if (!node.computed) return node.property.type === 'Identifier' ? node.property.name : null;
    const key = this.evaluate(node.property);
    return key.k === 'str' ? key.v : null;
  }

  private evaluateObject(node: TSESTree.ObjectExpression): Val {
    const props: Record<string, Val> = {};
    for (const prop of node.properties) {
      if (prop.type === 'SpreadElement') {
        const spread = this.evaluate(prop.argument);
        if (spread.k !== 'obj') return UNKNOWN; // a spread we cannot see could override any key
        Object.assign(props, spread.props);
        continue;
      }
      const key = prop.computed ? this.computedKey(prop.key) : propertyKeyName(prop);
      if (key === null) return UNKNOWN;
      props[key] = prop.kind === 'init' ? this.evaluate(prop.value) : UNKNOWN;
    }
    return { k: 'obj', props, via: 'object' };
  }

  private computedKey(key: TSESTree.Node): string | null {
    const val = this.evaluate(key);
    return val.k === 'str' ? val.v : null;
  }

  private evaluateIdentifier(node: TSESTree.Identifier): Val {
    const def = this.scopes.definitionOf(node);
    return def ? this.evaluateDefinition(def) : UNKNOWN;
  }

  evaluateDefinition(def: Definition): Val {
    switch (def.type) {
      case 'Variable': {
        const declarator = def.node;
        const declaration = def.parent;
        // Only `const` bindings are constants: a `let` may be reassigned anywhere.
        if (declaration?.type !== 'VariableDeclaration' || declaration.kind !== 'const' || !declarator.init) {
          return UNKNOWN;
        }
        const path = patternPath(declarator.id, def.name);
        if (path === null) return UNKNOWN;
        let val = this.evaluate(declarator.init);
        for (const name of path) val = member(val, name);
        return withVia(val, 'const');
      }
      case 'ImportBinding': {
        const spec = def.node;
        const from = importSource(def);
        if (from === null) return UNKNOWN;
        if (spec.type === 'ImportNamespaceSpecifier') return { k: 'import', from, name: '*', path: [] };
        if (spec.type === 'ImportDefaultSpecifier') return { k: 'import', from, name: 'default', path: [] };
        if (spec.type === 'ImportSpecifier') {
          const imported =
            spec.imported.type === 'Identifier' ? spec.imported.name : String(spec.imported.value);
          return { k: 'import', from, name: imported, path: [] };
        }
        return UNKNOWN;
      }
      case 'TSEnumName':
        return this.evaluateEnum(def.node);
      default:
        return UNKNOWN;
    }
  }

  private evaluateEnum(node: TSESTree.TSEnumDeclaration): Val {
    const props: Record<string, Val> = {};
    const members = node.body?.members ?? [];
    for (const m of members) {
      const key =
        m.id.type === 'Identifier' ? m.id.name : m.id.type === 'Literal' ? String(m.id.value) : null;
      if (key === null) continue;
      // Members without initialisers are numbers; only string members name events.
      const val = m.initializer ? this.evaluateEnumInitializer(m.initializer, props) : UNKNOWN;
      props[key] = val.k === 'str' ? { ...val, via: 'enum' } : UNKNOWN;
    }
    return { k: 'obj', props, via: 'enum' };
  }

  /** Enum initialisers may refer to earlier members by bare name. */
  private evaluateEnumInitializer(init: TSESTree.Expression, earlier: Record<string, Val>): Val {
    if (init.type === 'Identifier' && earlier[init.name]) return earlier[init.name]!;
    return this.evaluate(init);
  }
}
