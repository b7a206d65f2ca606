// What an identifier is bound to, from the scope analysis of @typescript-eslint/scope-manager.
import { analyze, type Scope, type ScopeVariable } from '@typescript-eslint/scope-manager';
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Program } from './parse';

type Variable = ScopeVariable;
type Definition = Variable['defs'][number];

/**
 * What extraction asks of scope analysis. `Scopes` answers for a whole file; the keystroke path
 * (statement-reuse.ts) answers for the statements it re-extracts from the file's last analysis.
 */
export interface ScopeInfo {
  definitionOf(id: TSESTree.Identifier | TSESTree.JSXIdentifier): Definition | undefined;
  moduleDefinition(name: string): Definition | undefined;
  /** Every definition of a module-level name (declarations merge: a function and a namespace). */
  moduleDefinitions(name: string): readonly Definition[];
  /** Whether an identifier declares a variable of the module scope (visible to every statement). */
  isModuleBinding(id: TSESTree.Identifier): boolean;
}

export class Scopes implements ScopeInfo {
  /** Each identifier reference and the variable it resolves to (null: unresolved). */
  readonly refs = new Map<TSESTree.Identifier | TSESTree.JSXIdentifier, Variable | null>();
  /** The module scope (a module's top-level declarations). */
  readonly moduleScope: Scope;
  private readonly all: Scope[];

  constructor(ast: Program) {
    // No lib globals: a reference to `window` resolves to no definition either way, and declaring
    // the hundreds of lib variables in every file's global scope was a tenth of extraction time.
    const manager = analyze(ast, { sourceType: ast.sourceType === 'script' ? 'script' : 'module', lib: [] });
    this.all = manager.scopes;
    for (const scope of manager.scopes) {
      for (const ref of scope.references) this.refs.set(ref.identifier, ref.resolved);
    }
    this.moduleScope = manager.globalScope?.childScopes[0] ?? manager.scopes[0]!;
  }

  /**
   * The definition an identifier reference resolves to: `undefined` for a global (or a name the
   * analysis does not track), and `null` for a variable without definitions (implicit globals).
   */
  definitionOf(id: TSESTree.Identifier | TSESTree.JSXIdentifier): Definition | undefined {
    const variable = this.refs.get(id);
    if (!variable) return undefined;
    return variable.defs[0];
  }

  /** True when an identifier is a reference the scope analysis saw and could not resolve. */
  isGlobal(id: TSESTree.Identifier): boolean {
    return this.refs.has(id) && this.refs.get(id) === null;
  }

  /** Whether a declaration named `name` is in scope at `offset` (any enclosing scope declares it). */
  declaredAt(name: string, offset: number): boolean {
    return this.all.some((scope) => {
      if (!scope.set.get(name)?.defs.length) return false;
      const [start, end] = scope.block.range;
      return start <= offset && offset <= end;
    });
  }

  /** A module-level declaration by name, for `export { name }`. */
  moduleDefinition(name: string): Definition | undefined {
    return this.moduleScope.set.get(name)?.defs[0];
  }

  moduleDefinitions(name: string): readonly Definition[] {
    return this.moduleScope.set.get(name)?.defs ?? [];
  }

  isModuleBinding(id: TSESTree.Identifier): boolean {
    return this.moduleScope.set.get(id.name)?.identifiers.includes(id) === true;
  }
}

export type { Definition, Variable };

/**
 * The property path from a destructuring pattern down to one of its identifiers:
 * `{ a: { b: target } }` → `['a', 'b']`; `null` when the target is not reachable by plain
 * property names (array patterns, computed keys, rest elements).
 */
export function patternPath(pattern: TSESTree.Node, target: TSESTree.Node): string[] | null {
  if (pattern === target) return [];
  switch (pattern.type) {
    case 'ObjectPattern':
      for (const prop of pattern.properties) {
        if (prop.type !== 'Property') continue;
        const key = propertyKeyName(prop);
        const sub = patternPath(prop.value, target);
        if (sub && key !== null) return [key, ...sub];
      }
      return null;
    case 'AssignmentPattern':
      return patternPath(pattern.left, target);
    default:
      return null;
  }
}

/** The static name of an object property key (`a`, `'a'`, `['a']`), or null. */
export function propertyKeyName(prop: TSESTree.Property | TSESTree.PropertyDefinition): string | null {
  const key = prop.key;
  if (!prop.computed && key.type === 'Identifier') return key.name;
  if (key.type === 'Literal' && (typeof key.value === 'string' || typeof key.value === 'number')) {
    return String(key.value);
  }
  return null;
}

/** The module an import binding comes from (`import … from 'm'`, `import x = require('m')`). */
export function importSource(def: Definition): string | null {
  if (def.type !== 'ImportBinding') return null;
  const parent = def.parent;
  if (parent.type === 'ImportDeclaration') return parent.source.value;
  if (parent.moduleReference.type === 'TSExternalModuleReference') {
    const expr = parent.moduleReference.expression;
    return expr.type === 'Literal' && typeof expr.value === 'string' ? expr.value : null;
  }
  return null;
}
