// What a callee or receiver is bound to, as far as the file shows: a chain of property reads and
// calls starting at an SDK package's import, something unknown (global, parameter, project module),
// or something visibly foreign (a local function, an object literal, another npm package, `console`).
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { type Definition, importSource, patternPath, type ScopeInfo } from './scope';
import type { Evaluator } from './values';

export type Step = { prop: string } | { call: true };

export type Chain =
  /** Bound to what package `pkg` exports, followed by `steps`. */
  | { origin: 'package'; pkg: string; steps: Step[] }
  /**
   * The program does not say: `name` is the nearest name (the variable, property or import name),
   * `root` the identifier the expression starts from. `module` is set for project-module imports.
   */
  | { origin: 'unknown'; name: string; root: string; module?: string }
  | { origin: 'foreign' };

const FOREIGN: Chain = { origin: 'foreign' };
export const GLOBAL_OBJECTS: ReadonlySet<string> = new Set(['window', 'globalThis', 'self', 'global']);
/** Globals that are known not to be analytics or flag SDKs. */
const FOREIGN_GLOBALS = new Set([
  'console',
  'Math',
  'JSON',
  'Object',
  'Array',
  'Promise',
  'Reflect',
  'document',
]);

export type ModuleKind = 'sdk' | 'project' | 'foreign';

/**
 * Framework lookups that hand back whatever the app provided (React context, Angular/Vue injection):
 * their results are not "something of another package" but unknown, named by the variable.
 */
const LOOKUPS = new Set(['useContext', 'use', 'inject']);

export class ChainAnalyzer {
  private readonly active = new Set<TSESTree.Node>();

  constructor(
    private readonly scopes: ScopeInfo,
    private readonly evaluator: Evaluator,
    /** Whether a module specifier is an SDK package, a module of the project, or something else. */
    private readonly classifyModule: (spec: string) => ModuleKind,
    /** What `this.name` was initialised to in its class (a field or a constructor assignment). */
    private readonly thisField?: (node: TSESTree.MemberExpression) => TSESTree.Node | undefined,
  ) {}

  chainOf(node: TSESTree.Node): Chain {
    if (this.active.has(node)) return { origin: 'unknown', name: '', root: '' };
    this.active.add(node);
    try {
      return this.chainOfNode(node);
    } finally {
      this.active.delete(node);
    }
  }

  private chainOfNode(node: TSESTree.Node): Chain {
    switch (node.type) {
      case 'Identifier':
        return this.chainOfIdentifier(node);
      case 'ThisExpression':
        return { origin: 'unknown', name: 'this', root: 'this' };
      case 'MemberExpression': {
        const field = this.thisField?.(node);
        if (field) {
          // The field holds what it was initialised to; its own name is the evidence otherwise.
          const chain = this.chainOf(field);
          const name = this.evaluator.memberName(node) ?? '';
          return chain.origin === 'unknown' ? { origin: 'unknown', name, root: 'this' } : chain;
        }
        const name = this.evaluator.memberName(node);
        const base = this.chainOf(node.object);
        if (name === null)
          return base.origin === 'foreign' ? FOREIGN : { origin: 'unknown', name: '', root: '' };
        return extend(base, { prop: name }, name);
      }
      case 'CallExpression': {
        const required = requiredPackage(node);
        if (required !== null) return this.packageChain(required, [], required);
        if (node.callee.type === 'Identifier' && LOOKUPS.has(node.callee.name)) {
          return { origin: 'unknown', name: '', root: '' };
        }
        return extend(this.chainOf(node.callee), { call: true });
      }
      case 'NewExpression':
        return extend(this.chainOf(node.callee), { call: true });
      case 'AwaitExpression':
        return this.chainOf(node.argument);
      case 'TSAsExpression':
      case 'TSSatisfiesExpression':
      case 'TSNonNullExpression':
      case 'TSTypeAssertion':
      case 'ChainExpression':
        return this.chainOf(node.expression);
      case 'ObjectExpression':
      case 'ArrayExpression':
      case 'ArrowFunctionExpression':
      case 'FunctionExpression':
      case 'ClassExpression':
      case 'Literal':
      case 'TemplateLiteral':
        return FOREIGN;
      default:
        return { origin: 'unknown', name: '', root: '' };
    }
  }

  private chainOfIdentifier(id: TSESTree.Identifier): Chain {
    const def = this.scopes.definitionOf(id);
    if (!def) {
      if (FOREIGN_GLOBALS.has(id.name)) return FOREIGN;
      const name = GLOBAL_OBJECTS.has(id.name) ? '' : id.name;
      return { origin: 'unknown', name, root: id.name };
    }
    return this.chainOfDefinition(def, id.name);
  }

  chainOfDefinition(def: Definition, localName: string): Chain {
    switch (def.type) {
      case 'ImportBinding': {
        const pkg = importSource(def);
        if (pkg === null) return { origin: 'unknown', name: localName, root: localName };
        const spec = def.node;
        const imported =
          spec.type === 'ImportSpecifier'
            ? spec.imported.type === 'Identifier'
              ? spec.imported.name
              : String(spec.imported.value)
            : null;
        return this.packageChain(pkg, imported === null ? [] : [{ prop: imported }], imported ?? localName);
      }
      case 'Variable': {
        const declarator = def.node;
        if (!declarator.init) return { origin: 'unknown', name: localName, root: localName };
        const path = patternPath(declarator.id, def.name);
        if (path === null) return { origin: 'unknown', name: localName, root: localName };
        const required = requiredPackage(declarator.init);
        let chain =
          required !== null ? this.packageChain(required, [], localName) : this.chainOf(declarator.init);
        for (const prop of path) chain = extend(chain, { prop }, prop);
        // The variable's own name is the best evidence when its value is unknown.
        if (chain.origin === 'unknown') return { ...chain, name: localName, root: localName };
        return chain;
      }
      case 'Parameter':
      case 'CatchClause':
        return { origin: 'unknown', name: localName, root: localName };
      case 'FunctionName':
      case 'ClassName':
      case 'TSEnumName':
      case 'TSModuleName':
        return FOREIGN;
      default:
        return { origin: 'unknown', name: localName, root: localName };
    }
  }

  private packageChain(pkg: string, steps: Step[], name: string): Chain {
    switch (this.classifyModule(pkg)) {
      case 'sdk':
        return { origin: 'package', pkg, steps };
      case 'project':
        return { origin: 'unknown', name, root: name, module: pkg };
      default:
        return FOREIGN;
    }
  }
}

function extend(chain: Chain, step: Step, name?: string): Chain {
  switch (chain.origin) {
    case 'package':
      return { ...chain, steps: [...chain.steps, step] };
    case 'unknown':
      return 'prop' in step ? { ...chain, name: name ?? step.prop } : chain;
    default:
      return chain;
  }
}

/** `require('pkg')` binds like an import of the package. */
function requiredPackage(node: TSESTree.Node): string | null {
  if (
    node.type === 'CallExpression' &&
    node.callee.type === 'Identifier' &&
    node.callee.name === 'require' &&
    node.arguments[0]?.type === 'Literal' &&
    typeof node.arguments[0].value === 'string'
  ) {
    return node.arguments[0].value;
  }
  return null;
}
