// Flag containers: objects whose property reads are flag checks (`uiConfig.flags.newNav`,
// `featureFlags[FLAGS.NEW_NAV]`, `const { newNav } = useFeatureFlags()`) and lists whose membership
// tests are (`organization.features.includes('new-nav')`). Built-in container names plus those the
// plan names (`sdks.flags[].object`). SDK-bound flag objects (LaunchDarkly's `useFlags()`) are the
// extractor's; these are the project's own.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { expressionRoot, nodeSpan, nodeText, unwrap } from '../ast';
import type { ChainAnalyzer, ModuleKind } from '../chains';
import { calleeName, type FlagObject } from '../config';
import type { RawEntryPoint } from '../extract';
import { importSource, type ScopeInfo } from '../scope';
import { NAME_PARTS, type Val } from '../values';
import type { SymbolicEvaluator } from './evaluator';

/** Built-in containers read by property: the last name of the expression that holds them. */
export const OBJECT_NAMES: readonly string[] = [
  'flags',
  'featureFlags',
  'feature_flags',
  'featureToggles',
  'feature_toggles',
];
/**
 * Built-in lists tested for membership (`organization.features.includes('sso')`). `features` is
 * only a list: as an object it is as often a parser's or a platform's (`ecmaFeatures`, `process.features`).
 */
export const LIST_NAMES: readonly string[] = [
  ...OBJECT_NAMES,
  'features',
  'enabledFeatures',
  'activeFeatures',
  'enabledFlags',
];
/** Hooks whose result is a flag container (`const { newNav } = useFeatureFlags()`). */
export const HOOK_NAMES: readonly string[] = ['useFlags', 'useFeatureFlags', 'useFeatureToggles'];
/** Membership tests on a list or set of enabled flags. */
const MEMBERSHIP = new Set(['includes', 'has']);
/** Property reads that are never flag keys. */
const NOT_KEYS = new Set(['length', 'size', 'constructor', 'prototype', '__proto__', 'toString', 'valueOf']);
/** Platform globals whose `flags`/`features` are not the app's (`process.features.typescript`). */
const PLATFORM_GLOBALS = new Set(['process', 'navigator', 'document', 'Deno', 'Bun']);

const OBJECTS = new Set(OBJECT_NAMES);
const LISTS = new Set(LIST_NAMES);
const HOOKS = new Set(HOOK_NAMES);

type Form = 'object' | 'list';

interface Container {
  callee: string;
  autoExposure: boolean;
  /** Named by the plan (else recognised by a built-in name). */
  declared?: boolean;
}

export interface FlagObjectContext {
  text: string;
  scopes: ScopeInfo;
  evaluator: SymbolicEvaluator;
  chains: ChainAnalyzer;
  classifyModule: (spec: string) => ModuleKind;
  objects: readonly FlagObject[];
  entryPoints: RawEntryPoint[];
}

export class FlagObjects {
  constructor(private readonly ctx: FlagObjectContext) {}

  visit(node: TSESTree.Node): void {
    switch (node.type) {
      case 'MemberExpression':
        this.visitRead(node);
        break;
      case 'CallExpression':
        this.visitMembership(node);
        break;
      case 'VariableDeclarator':
        this.visitDestructuring(node);
        break;
    }
  }

  /** `flags.k`, `flags['k']`, `flags[KEYS.K]`, `flags?.k` — reads, not writes or method calls. */
  private visitRead(node: TSESTree.MemberExpression): void {
    const container = this.container(node.object, 'object');
    if (!container) return;
    const parent = this.ctx.evaluator.parentOf(node);
    if (parent?.type === 'CallExpression' && parent.callee === node) return;
    if (parent?.type === 'ChainExpression') {
      // `flags?.k` is wrapped in a ChainExpression; `flags?.k()` is still a call.
      const grand = this.ctx.evaluator.parentOf(parent);
      if (grand?.type === 'CallExpression' && grand.callee === parent) return;
    }
    if (isWriteTarget(node, parent)) return;
    const key: Val = node.computed
      ? this.ctx.evaluator.evaluate(node.property)
      : node.property.type === 'Identifier'
        ? { k: 'str', v: node.property.name, via: 'object' }
        : { k: 'unknown' };
    if (!NAME_PARTS.has(key.k) || (key.k === 'str' && NOT_KEYS.has(key.v))) return;
    this.add(node, node.property, key, container);
  }

  /** `organization.features.includes('k')`, `enabledFlags.has(FLAGS.K)`. */
  private visitMembership(node: TSESTree.CallExpression): void {
    const callee = unwrap(node.callee);
    if (callee.type !== 'MemberExpression' || callee.computed || callee.property.type !== 'Identifier')
      return;
    if (!MEMBERSHIP.has(callee.property.name)) return;
    const arg = node.arguments[0];
    if (!arg || arg.type === 'SpreadElement') return;
    const container = this.container(callee.object, 'list');
    if (!container) return;
    const key = this.ctx.evaluator.evaluate(arg);
    if (!NAME_PARTS.has(key.k)) return;
    this.add(node, arg, key, { ...container, callee: `${container.callee}.${callee.property.name}` });
  }

  /** `const { newNav, 'dark-mode': dark } = useFeatureFlags()`, `const { k } = config.flags`. */
  private visitDestructuring(node: TSESTree.VariableDeclarator): void {
    if (node.id.type !== 'ObjectPattern' || !node.init) return;
    const container = this.container(node.init, 'object');
    if (!container) return;
    for (const prop of node.id.properties) {
      if (prop.type !== 'Property') continue;
      const key: Val = prop.computed
        ? this.ctx.evaluator.evaluate(prop.key)
        : prop.key.type === 'Identifier'
          ? { k: 'str', v: prop.key.name, via: 'literal' }
          : prop.key.type === 'Literal' && typeof prop.key.value === 'string'
            ? { k: 'str', v: prop.key.value, via: 'literal' }
            : { k: 'unknown' };
      if (!NAME_PARTS.has(key.k)) continue;
      this.add(prop, prop.key, key, container);
    }
  }

  private add(node: TSESTree.Node, keyNode: TSESTree.Node, key: Val, container: Container): void {
    // Single letters are regular-expression flags (`flags.includes('u')`), never feature flags.
    if (!container.declared && key.k === 'str' && key.v.length < 2) return;
    this.ctx.entryPoints.push({
      ...(container.declared ? {} : { container: true }),
      key,
      keyText: nodeText(this.ctx.text, keyNode),
      span: nodeSpan(node),
      keySpan: nodeSpan(keyNode),
      sdk: 'custom',
      callee: container.callee,
      autoExposure: container.autoExposure,
    });
  }

  /** Whether an expression is a flag container, and how to name it. */
  private container(node: TSESTree.Node, form: Form): Container | null {
    const inner = unwrap(node);
    // Names first: this runs for every property read, and most are not containers.
    const name = lastName(inner);
    if (name === null) return null;
    const planned = this.ctx.objects.filter((o) => calleeName(o.object) === name);
    const isHookResult = inner.type === 'CallExpression';
    const builtIn = isHookResult ? HOOKS.has(name) : (form === 'object' ? OBJECTS : LISTS).has(name);
    if (!planned.length && !builtIn) return null;
    const text = nodeText(this.ctx.text, inner).replace(/\s+/g, '').replace(/\?\./g, '.');
    for (const object of planned) {
      if (text === object.object || text.endsWith(`.${object.object}`)) {
        return { callee: text, autoExposure: object.autoExposure === true, declared: true };
      }
    }
    if (!builtIn) return null;
    // SDK-bound flag objects are the extractor's (LaunchDarkly's camel-casing `useFlags()`).
    if (this.ctx.chains.chainOf(inner).origin === 'package') return null;
    if (!this.plausibleBinding(inner)) return null;
    return { callee: isHookResult ? name : text, autoExposure: false };
  }

  /**
   * A container name is not enough when the program shows what the binding is: a local literal
   * (`const flags = { verbose: true }`) or something from a package that is not a flag SDK
   * (`import { flags } from 'commander'`).
   */
  private plausibleBinding(node: TSESTree.Node): boolean {
    const root = expressionRoot(node);
    if (root.type !== 'Identifier') return root.type === 'ThisExpression';
    const def = this.ctx.scopes.definitionOf(root);
    if (!def) return !PLATFORM_GLOBALS.has(root.name);
    if (def.type === 'ImportBinding') {
      const from = importSource(def);
      return from === null || this.ctx.classifyModule(from) !== 'foreign';
    }
    if (def.type === 'Variable' && root === unwrap(node) && def.node.init) {
      const init = unwrap(def.node.init);
      return !(
        init.type === 'ObjectExpression' ||
        init.type === 'ArrayExpression' ||
        init.type === 'NewExpression' ||
        init.type === 'Literal' ||
        init.type === 'TemplateLiteral'
      );
    }
    return def.type !== 'FunctionName' && def.type !== 'ClassName';
  }
}

function lastName(node: TSESTree.Node): string | null {
  switch (node.type) {
    case 'Identifier':
      return node.name;
    case 'MemberExpression':
      return !node.computed && node.property.type === 'Identifier' ? node.property.name : null;
    case 'CallExpression':
      return node.arguments.length === 0 ? lastName(unwrap(node.callee)) : null;
    default:
      return null;
  }
}

function isWriteTarget(node: TSESTree.Node, parent: TSESTree.Node | undefined): boolean {
  if (!parent) return false;
  if (parent.type === 'AssignmentExpression' && parent.left === node) return true;
  if (parent.type === 'UpdateExpression') return true;
  if (parent.type === 'UnaryExpression' && parent.operator === 'delete') return true;
  return false;
}
