// Per-file extraction: parse one file and report its flag checks, tracking calls, annotations and
// exported constants. Names are kept symbolic (`Val`) so that the linker can resolve imports once
// all files are known; the result is plain data, cacheable per file.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { LineMap, nodeSpan, nodeText, unwrap } from './ast';
import { AstIndex, type WalkedNodes } from './ast-index';
import {
  flagObjectOf,
  matchPackageCall,
  matchUnboundFunction,
  matchUnknownMethod,
  returnedCallable,
  type CatalogueMatch,
} from './catalogue';
import { type Chain, ChainAnalyzer, GLOBAL_OBJECTS, type ModuleKind } from './chains';
import type { AnalysisConfig, CustomCallee, CustomFlagCallee } from './config';
import { computeGates, type GateEntry, type GateFacts, type GateReport, type GateScope } from './gates';
import { type ParseOutcome, parseSource, type Program } from './parse';
import { dirname, joinPath, stripExtension } from './paths';
import { importSource, type ScopeInfo, Scopes } from './scope';
import type { ArgSpec } from './sdks/shapes';
import type { FlagSdk, ParseError, Span, TrackingKind, TrackingSdk } from './types';
import { UNKNOWN, type Val } from './values';
import { SymbolicEvaluator } from './wrappers/evaluator';
import { WrapperCollector, type WrapperFacts } from './wrappers/facts';
import { FlagObjects } from './wrappers/flag-objects';

export interface RawEntryPoint {
  key: Val;
  /** Source text of the key expression (reported when it cannot be resolved). */
  keyText: string;
  span: Span;
  keySpan: Span;
  sdk: FlagSdk;
  callee: string;
  autoExposure: boolean;
  /** The key was read off a camel-casing flags object (LaunchDarkly React `useFlags()`). */
  camelCase?: boolean;
  /** Read off a flag container recognised by its name (wrappers/flag-objects.ts), not declared. */
  container?: boolean;
}

export interface RawTrackingCall {
  name: Val;
  nameText: string;
  span: Span;
  nameSpan: Span;
  sdk: TrackingSdk;
  callee: string;
  kind: TrackingKind;
  properties?: Record<string, string>;
}

export interface FileFacts {
  file: string;
  parseError?: ParseError;
  entryPoints: RawEntryPoint[];
  trackingCalls: RawTrackingCall[];
  /** Exported names and their (possibly symbolic) values. */
  exports: Record<string, Val>;
  /** `export * from '...'` specifiers, in order. */
  starExports: string[];
  /** Which code each flag check gates, and the file's functions and their uses (see gates.ts). */
  gates?: GateFacts;
  /** Functions and calls for wrapper discovery (wrappers/facts.ts). */
  wrappers?: WrapperFacts;
}

export interface ExtractOptions {
  config: AnalysisConfig;
  classifyModule: (spec: string) => ModuleKind;
  /** Resolves an import to a workspace file (for plan callees restricted to a module). */
  resolveModule?: (fromFile: string, spec: string) => string | undefined;
  /** Only collect exports (for files parsed on demand by the resolver). */
  exportsOnly?: boolean;
}

export function extractFile(file: string, text: string, options: ExtractOptions): FileFacts {
  return extractParsed(file, text, parseSource(file, text), options);
}

/** What a whole-file extraction worked with, kept by the keystroke path (statement-reuse.ts). */
export interface ExtractionParts {
  scopes: Scopes;
  walked: AstIndex;
  /** Whether the file's gating reaches across its top-level statements (gates.ts `GateReport`). */
  crossStatement: boolean;
}

/** The facts of a file already parsed (the language server re-parses open documents incrementally). */
export function extractParsed(
  file: string,
  text: string,
  parsed: ParseOutcome,
  options: ExtractOptions,
  /** Called with what the extraction worked with (not for exports-only extraction). */
  keep?: (parts: ExtractionParts) => void,
): FileFacts {
  const facts = emptyFacts(file);
  if (!parsed.ok) {
    facts.parseError = { file, line: parsed.line, column: parsed.column, message: parsed.message };
    return facts;
  }
  const ast = parsed.ast;
  const scopes = new Scopes(ast);
  let walked: AstIndex | undefined;
  const report: GateReport = { crossStatement: false };
  const setting: Setting = {
    scopes,
    walked: () => (walked ??= new AstIndex(ast)),
    statements: ast.body,
    report,
  };
  new FileExtractor(file, text, ast, options, facts, setting).run();
  if (keep && !options.exportsOnly) keep({ scopes, walked: setting.walked() as AstIndex, ...report });
  return facts;
}

/**
 * The facts some top-level statements of a file contribute, from the file's scope analysis and parent
 * links (`scopes`, `walked.parentOf`), walking only their nodes (`walked.nodes`). Positions are the
 * file's; uses of functions outside them are numbered by `outside` (gates.ts `GateScope`).
 */
export function extractStatements(
  file: string,
  text: string,
  ast: Program,
  options: ExtractOptions,
  part: {
    scopes: ScopeInfo;
    walked: WalkedNodes;
    declared: readonly string[];
    onFunction?: (node: TSESTree.Node) => void;
  } & GateScope,
): { facts: FileFacts; crossStatement: boolean; declared: DeclaredName[] } {
  const facts = emptyFacts(file);
  const report: GateReport = { crossStatement: false };
  const declared: DeclaredName[] = [];
  const setting: Setting = {
    ...part,
    walked: () => part.walked,
    report,
    gates: part,
    declared: { names: part.declared, into: declared },
  };
  new FileExtractor(file, text, ast, options, facts, setting).run();
  return { facts, crossStatement: report.crossStatement, declared };
}

/**
 * What other statements can learn of a module name the statements declare, when they refer to it:
 * the kind of its definition, what its value and its binding chain are (wrappers/evaluator.ts,
 * chains.ts), and the kind of a variable's initialiser (flag containers and proxies look at it).
 */
export interface DeclaredName {
  name: string;
  defs: string[];
  /** A variable's initialiser: its kind as written, and inside type assertions and parentheses. */
  init?: [string, string];
  val: Val;
  chain: Chain;
}

/**
 * The checks to compute gates for: the file's entry points, and the calls to project functions
 * (wrappers/facts.ts), any of which may be a flag check through a wrapper — known only once the
 * workspace pass has found the wrappers, which then looks their gates up by span — so that such a
 * check gates code as a direct one does. (A JSX element's span is no check's: it gates nothing.)
 */
export function gateEntries(
  entryPoints: readonly RawEntryPoint[],
  calls: readonly { span: Span }[],
): GateEntry[] {
  const at = (span: Span) => `${span.startOffset}:${span.endOffset}`;
  const known = new Set(entryPoints.map((ep) => at(ep.span)));
  const out: GateEntry[] = [...entryPoints];
  for (const { span } of calls) {
    if (known.has(at(span))) continue;
    known.add(at(span));
    out.push({ span, sdk: 'custom' });
  }
  return out;
}

function emptyFacts(file: string): FileFacts {
  return { file, entryPoints: [], trackingCalls: [], exports: {}, starExports: [] };
}

/** What the extractor works with: scope analysis, the nodes it visits, the statements it covers. */
interface Setting {
  scopes: ScopeInfo;
  walked: () => WalkedNodes;
  statements: readonly TSESTree.ProgramStatement[];
  report: GateReport;
  /** Some statements only (else the whole file). */
  gates?: GateScope;
  /** Module names to describe as others see them (`DeclaredName`), after the walk. */
  declared?: { names: readonly string[]; into: DeclaredName[] };
  /** Told of each function numbered, before its position is read. */
  onFunction?: (node: TSESTree.Node) => void;
}

type Argument = TSESTree.CallExpressionArgument;

/** The key or name argument a call shape points at: one node, or each element of an array. */
interface PickedArgument {
  nodes: TSESTree.Node[];
  /** Index of the positional argument it came from (the properties object follows it). */
  index: number;
  /** The object literal the name was a property of (server-style `track({ event })`). */
  container?: TSESTree.ObjectExpression;
}

class FileExtractor {
  private readonly scopes: ScopeInfo;
  private readonly evaluator: SymbolicEvaluator;
  private readonly chains: ChainAnalyzer;
  private lines?: LineMap;

  constructor(
    private readonly file: string,
    private readonly text: string,
    private readonly ast: Program,
    private readonly options: ExtractOptions,
    private readonly facts: FileFacts,
    private readonly setting: Setting,
  ) {
    this.scopes = setting.scopes;
    this.evaluator = new SymbolicEvaluator(this.scopes, ast, setting.walked, setting.onFunction);
    this.chains = new ChainAnalyzer(this.scopes, this.evaluator, options.classifyModule, (node) =>
      this.evaluator.thisField(node),
    );
  }

  /** The one walk of the tree (exports-only extraction may never need it). */
  private get walked(): WalkedNodes {
    return this.setting.walked();
  }

  run(): void {
    this.collectExports();
    const wrappers = this.wrapperCollector();
    if (this.options.exportsOnly) {
      this.facts.wrappers = wrappers.collector.finish();
      return;
    }
    for (const node of this.walked.nodes) {
      switch (node.type) {
        case 'CallExpression':
          this.visitCall(node);
          break;
        case 'MemberExpression':
          this.visitFlagObjectRead(node);
          break;
        case 'VariableDeclarator':
          this.visitFlagObjectDestructuring(node);
          break;
      }
      wrappers.visit(node);
    }
    this.collectAnnotations();
    const { classifyModule } = this.options;
    this.facts.gates = computeGates(
      this.ast,
      this.scopes,
      gateEntries(this.facts.entryPoints, wrappers.collector.calls),
      this.text,
      (spec) => classifyModule(spec) === 'project',
      this.walked,
      false,
      this.setting.gates,
      this.setting.report,
    );
    // Before the functions are described: describing them numbers the functions they return.
    if (this.setting.declared) this.describeDeclared(this.setting.declared);
    this.facts.wrappers = wrappers.collector.finish();
  }

  private describeDeclared({ names, into }: { names: readonly string[]; into: DeclaredName[] }): void {
    for (const name of names) {
      const defs = this.scopes.moduleDefinitions(name);
      const def = defs[0];
      if (!def) {
        into.push({ name, defs: [], val: UNKNOWN, chain: { origin: 'foreign' } });
        continue;
      }
      const value = def.type === 'Variable' ? def.node.init : null;
      const init: [string, string] | undefined = value ? [value.type, unwrap(value).type] : undefined;
      into.push({
        name,
        defs: defs.map((d) => d.type),
        ...(init ? { init } : {}),
        val: this.evaluator.evaluateDefinition(def),
        chain: this.chains.chainOfDefinition(def, name),
      });
    }
  }

  /** Flag containers, calls to project functions, and the functions they refer to (wrappers/). */
  private wrapperCollector() {
    const ctx = {
      ast: this.ast,
      text: this.text,
      scopes: this.scopes,
      evaluator: this.evaluator,
      chains: this.chains,
      classifyModule: this.options.classifyModule,
    };
    const containers = new FlagObjects({
      ...ctx,
      objects: this.options.config.flagObjects ?? [],
      entryPoints: this.facts.entryPoints,
    });
    const collector = new WrapperCollector(ctx);
    const visit = (node: TSESTree.Node) => {
      containers.visit(node);
      collector.visit(node);
    };
    return { collector, visit };
  }

  // ---- calls -------------------------------------------------------------------------------

  private visitCall(call: TSESTree.CallExpression): void {
    const callee = call.callee;
    if (callee.type === 'Super') return;
    if (this.visitCustomCall(call)) return;
    for (const match of this.catalogueMatches(callee)) {
      const picked = this.pickArgument(call, match.call.key);
      if (picked === 'no-match') continue;
      if (match.domain === 'flag') {
        this.addEntryPoints(call, picked, match.sdk as FlagSdk, match.call.autoExposure === true);
      } else {
        this.addTrackingCall(call, picked, match.sdk as TrackingSdk, match.call.kind ?? 'track');
      }
      return;
    }
  }

  private catalogueMatches(callee: TSESTree.Expression): CatalogueMatch[] {
    const chain = this.chains.chainOf(callee);
    if (chain.origin === 'package') return this.packageMatches(chain);
    if (chain.origin === 'foreign') return [];
    const target = unwrap(callee);
    if (target.type === 'MemberExpression') {
      const method = this.evaluator.memberName(target);
      if (method === null) return [];
      const receiver = this.chains.chainOf(target.object);
      if (receiver.origin !== 'unknown') return [];
      // `window.gtag(...)`, `globalThis.plausible(...)`: a global function.
      if (receiver.name === '' && GLOBAL_OBJECTS.has(receiver.root)) return matchUnboundFunction(method);
      const names = [receiver.name];
      // `amplitude.getInstance().logEvent(...)`: the factory's root names the SDK.
      if (unwrap(target.object).type === 'CallExpression') names.push(receiver.root);
      return matchUnknownMethod(names, method);
    }
    if (target.type === 'Identifier') return matchUnboundFunction(chain.name || target.name);
    return [];
  }

  private packageMatches(chain: Extract<Chain, { origin: 'package' }>): CatalogueMatch[] {
    const last = chain.steps[chain.steps.length - 1];
    const before = chain.steps[chain.steps.length - 2];
    if (last && 'prop' in last) return matchPackageCall(chain.pkg, last.prop);
    // Calling what a factory returned: `const plausible = usePlausible(); plausible('Signup')`.
    if (last && before && 'prop' in before) {
      const fn = returnedCallable(chain.pkg, before.prop);
      if (fn) return matchPackageCall(chain.pkg, fn);
    }
    return [];
  }

  /** Plan-declared callees come first: the project said what they are. */
  private visitCustomCall(call: TSESTree.CallExpression): boolean {
    const { tracking, flags } = this.options.config;
    for (const custom of flags) {
      if (!this.matchesCustom(call.callee, custom)) continue;
      const picked = this.pickArgument(call, customSpec(custom));
      if (picked === 'no-match') continue;
      this.addEntryPoints(call, picked, 'custom', (custom as CustomFlagCallee).autoExposure === true);
      return true;
    }
    for (const custom of tracking) {
      if (!this.matchesCustom(call.callee, custom)) continue;
      const picked = this.pickArgument(call, customSpec(custom));
      if (picked === 'no-match') continue;
      this.addTrackingCall(call, picked, 'custom', 'track');
      return true;
    }
    return false;
  }

  private matchesCustom(calleeNode: TSESTree.Node, custom: CustomCallee): boolean {
    const callee = unwrap(calleeNode);
    const dot = custom.callee.lastIndexOf('.');
    const name = dot < 0 ? custom.callee : custom.callee.slice(dot + 1);
    let bindingNode: TSESTree.Node;
    if (dot < 0) {
      if (callee.type !== 'Identifier') return false;
      const chain = this.chains.chainOf(callee);
      const imported =
        chain.origin === 'unknown' ? chain.name : chain.origin === 'package' ? lastProp(chain) : undefined;
      if (callee.name !== name && imported !== name) return false;
      bindingNode = callee;
    } else {
      if (callee.type !== 'MemberExpression' || this.evaluator.memberName(callee) !== name) return false;
      const receiver = custom.callee.slice(0, dot);
      const receiverText = nodeText(this.text, callee.object).replace(/\s+/g, '');
      if (receiverText !== receiver && !receiverText.endsWith(`.${receiver}`)) return false;
      bindingNode = callee.object;
    }
    if (!custom.module) return true;
    return this.boundToModule(bindingNode, custom.module);
  }

  /** Whether the root of an expression is imported from `module` (as written, or as a workspace path). */
  private boundToModule(node: TSESTree.Node, module: string): boolean {
    let root = unwrap(node);
    while (root.type === 'MemberExpression') root = unwrap(root.object);
    if (root.type !== 'Identifier') return false;
    const def = this.scopes.definitionOf(root);
    const spec = def ? importSource(def) : null;
    if (spec === null) return false;
    if (spec === module) return true;
    const wanted = stripExtension(module.replace(/^\.\//, ''));
    const resolved = this.options.resolveModule?.(this.file, spec);
    if (resolved !== undefined)
      return stripExtension(resolved) === wanted || stripExtension(resolved) === `${wanted}/index`;
    return spec.startsWith('.') && stripExtension(joinPath(dirname(this.file), spec)) === wanted;
  }

  // ---- arguments ---------------------------------------------------------------------------

  private pickArgument(call: TSESTree.CallExpression, spec: ArgSpec): PickedArgument | 'no-match' {
    const args = call.arguments;
    if (spec.when) {
      const arg = args[spec.when.index];
      const val = arg ? this.evaluator.evaluate(arg) : UNKNOWN;
      if (val.k !== 'str' || val.v !== spec.when.equals) return 'no-match';
    }
    const candidates: PickedArgument[] = [];
    for (const index of spec.args) {
      const arg = args[index];
      if (!arg || arg.type === 'SpreadElement') continue;
      const picked = this.fromArgument(arg, index, spec);
      if (picked) candidates.push(picked);
    }
    if (candidates.length === 0) return 'no-match';
    if (spec.args.length === 1) return candidates[0]!;
    return candidates.find((c) => this.isStringLike(c)) ?? candidates[0]!;
  }

  private fromArgument(arg: Argument, index: number, spec: ArgSpec): PickedArgument | null {
    let node: TSESTree.Node = arg;
    let container: TSESTree.ObjectExpression | undefined;
    if (spec.property && arg.type === 'ObjectExpression') {
      container = arg;
      const prop = findProperty(arg, spec.property);
      if (!prop) return { nodes: [arg], index, container };
      node = prop;
    }
    const inner = unwrap(node);
    if (spec.array && inner.type === 'ArrayExpression') {
      const elements = inner.elements.filter(
        (e): e is TSESTree.Expression => e !== null && e.type !== 'SpreadElement',
      );
      return { nodes: elements, index, container };
    }
    return { nodes: [node], index, container };
  }

  /** Whether a candidate argument looks like a name rather than a user object or options. */
  private isStringLike(picked: PickedArgument): boolean {
    if (picked.nodes.length !== 1) return true;
    const node = unwrap(picked.nodes[0]!);
    if (node.type === 'ArrayExpression') return true;
    const val = this.evaluator.evaluate(node);
    // A parameter declared as a string is a wrapper's name: `page(name: string) { analytics.page('App', name) }`
    // (an undeclared one is as likely the user of `checkGate(user, 'gate')`).
    if (val.k === 'param') return this.evaluator.declaredAsString(node);
    return val.k === 'str' || val.k === 'concat' || (val.k === 'import' && val.name !== '*');
  }

  // ---- results -----------------------------------------------------------------------------

  private calleeText(call: TSESTree.CallExpression): string {
    return nodeText(this.text, call.callee).replace(/\s+/g, '');
  }

  private addEntryPoints(
    call: TSESTree.CallExpression,
    picked: PickedArgument,
    sdk: FlagSdk,
    autoExposure: boolean,
  ) {
    const callee = this.calleeText(call);
    for (const node of picked.nodes) {
      this.facts.entryPoints.push({
        key: this.evaluator.evaluate(node),
        keyText: nodeText(this.text, node),
        span: nodeSpan(call),
        keySpan: nodeSpan(node),
        sdk,
        callee,
        autoExposure,
      });
    }
  }

  private addTrackingCall(
    call: TSESTree.CallExpression,
    picked: PickedArgument,
    sdk: TrackingSdk,
    kind: TrackingKind,
  ) {
    const node = picked.nodes[0];
    if (!node) return;
    const record: RawTrackingCall = {
      name: this.evaluator.evaluate(node),
      nameText: nodeText(this.text, node),
      span: nodeSpan(call),
      nameSpan: nodeSpan(node),
      sdk,
      callee: this.calleeText(call),
      kind,
    };
    const properties = this.staticProperties(this.propertiesObject(call, picked));
    if (properties) record.properties = properties;
    this.facts.trackingCalls.push(record);
  }

  /** The event's properties object: the argument after the name, or `properties` of the object form. */
  private propertiesObject(call: TSESTree.CallExpression, picked: PickedArgument): TSESTree.Node | undefined {
    if (picked.container && picked.nodes[0] !== picked.container) {
      return findProperty(picked.container, ['properties', 'event_properties']);
    }
    const next = call.arguments[picked.index + 1];
    if (!next || next.type === 'SpreadElement') return undefined;
    // Plausible nests them: `plausible('Signup', { props: { plan } })`.
    const inner = unwrap(next);
    if (inner.type === 'ObjectExpression') return findProperty(inner, ['props']) ?? inner;
    return inner;
  }

  private staticProperties(node: TSESTree.Node | undefined): Record<string, string> | undefined {
    const obj = node ? unwrap(node) : undefined;
    if (obj?.type !== 'ObjectExpression') return undefined;
    const out: Record<string, string> = {};
    for (const prop of obj.properties) {
      if (prop.type !== 'Property' || prop.computed) continue;
      const key =
        prop.key.type === 'Identifier'
          ? prop.key.name
          : prop.key.type === 'Literal'
            ? String(prop.key.value)
            : null;
      if (key === null) continue;
      const val = this.evaluator.evaluate(prop.value);
      if (val.k === 'str') out[key] = val.v;
    }
    return Object.keys(out).length ? out : undefined;
  }

  // ---- flag objects (`useFlags()`) ---------------------------------------------------------

  /** `flags.checkoutV2`, `useFlags()['checkout-v2']` where `flags = useFlags()`. */
  private visitFlagObjectRead(node: TSESTree.MemberExpression): void {
    const obj = this.flagObject(node.object);
    if (!obj) return;
    const key = this.evaluator.memberName(node);
    if (key === null) return;
    this.facts.entryPoints.push({
      key: { k: 'str', v: key, via: node.computed ? 'literal' : 'object' },
      keyText: nodeText(this.text, node.property),
      span: nodeSpan(node),
      keySpan: nodeSpan(node.property),
      sdk: obj.sdk as FlagSdk,
      callee: obj.name,
      autoExposure: obj.autoExposure,
      ...(obj.camelCaseKeys && !node.computed ? { camelCase: true } : {}),
    });
  }

  /** `const { checkoutV2, newNav } = useFlags()`. */
  private visitFlagObjectDestructuring(node: TSESTree.VariableDeclarator): void {
    if (node.id.type !== 'ObjectPattern' || !node.init) return;
    const obj = this.flagObject(node.init);
    if (!obj) return;
    for (const prop of node.id.properties) {
      if (prop.type !== 'Property') continue;
      const key = prop.computed ? this.evaluator.evaluate(prop.key) : null;
      const name = prop.computed
        ? key?.k === 'str'
          ? key.v
          : null
        : prop.key.type === 'Identifier'
          ? prop.key.name
          : null;
      if (name === null) continue;
      this.facts.entryPoints.push({
        key: { k: 'str', v: name, via: 'literal' },
        keyText: nodeText(this.text, prop.key),
        span: nodeSpan(prop),
        keySpan: nodeSpan(prop.key),
        sdk: obj.sdk as FlagSdk,
        callee: obj.name,
        autoExposure: obj.autoExposure,
        ...(obj.camelCaseKeys && !prop.computed ? { camelCase: true } : {}),
      });
    }
  }

  private flagObject(node: TSESTree.Node) {
    const inner = unwrap(node);
    if (inner.type !== 'Identifier' && inner.type !== 'CallExpression') return undefined;
    const chain = this.chains.chainOf(inner);
    if (chain.origin !== 'package' || chain.steps.length < 2) return undefined;
    const last = chain.steps[chain.steps.length - 1]!;
    const factory = chain.steps[chain.steps.length - 2]!;
    if (!('call' in last) || !('prop' in factory)) return undefined;
    return flagObjectOf(chain.pkg, factory.prop);
  }

  // ---- annotations -------------------------------------------------------------------------

  private collectAnnotations(): void {
    for (const comment of this.ast.comments ?? []) {
      const pattern = /@feature\s+([A-Za-z0-9_$][\w$.:/-]*[\w$])/g;
      let m: RegExpExecArray | null;
      while ((m = pattern.exec(comment.value))) {
        // Comment values exclude the opening `//` or `/*`.
        const start = comment.range[0] + 2 + m.index;
        const keyStart = start + m[0].length - m[1]!.length;
        const lines = (this.lines ??= new LineMap(this.text));
        this.facts.entryPoints.push({
          key: { k: 'str', v: m[1]!, via: 'literal' },
          keyText: m[1]!,
          span: lines.span(start, keyStart + m[1]!.length),
          keySpan: lines.span(keyStart, keyStart + m[1]!.length),
          sdk: 'annotation',
          callee: '@feature',
          autoExposure: false,
        });
      }
    }
  }

  // ---- exports -----------------------------------------------------------------------------

  private collectExports(): void {
    const exports = this.facts.exports;
    for (const stmt of this.setting.statements) {
      switch (stmt.type) {
        case 'ExportNamedDeclaration':
          if (stmt.declaration) this.exportDeclaration(stmt.declaration);
          for (const spec of stmt.specifiers) {
            const local = spec.local.type === 'Identifier' ? spec.local.name : String(spec.local.value);
            const exported =
              spec.exported.type === 'Identifier' ? spec.exported.name : String(spec.exported.value);
            exports[exported] = stmt.source
              ? { k: 'import', from: stmt.source.value, name: local, path: [] }
              : this.localValue(local);
          }
          break;
        case 'ExportAllDeclaration':
          if (stmt.exported) {
            const name = stmt.exported.name;
            exports[name] = { k: 'import', from: stmt.source.value, name: '*', path: [] };
          } else {
            this.facts.starExports.push(stmt.source.value);
          }
          break;
        case 'ExportDefaultDeclaration': {
          const decl = stmt.declaration;
          if (decl.type === 'Identifier') exports.default = this.localValue(decl.name);
          else if (
            decl.type !== 'TSDeclareFunction' &&
            decl.type !== 'TSInterfaceDeclaration' &&
            decl.type !== 'TSEnumDeclaration' &&
            decl.type !== 'TSModuleDeclaration' &&
            decl.type !== 'TSTypeAliasDeclaration' &&
            decl.type !== 'VariableDeclaration'
          ) {
            exports.default = this.evaluator.evaluate(decl);
          }
          break;
        }
      }
    }
  }

  private exportDeclaration(decl: TSESTree.NamedExportDeclarations): void {
    if (decl.type === 'VariableDeclaration') {
      for (const declarator of decl.declarations) {
        for (const id of patternIdentifiers(declarator.id)) this.facts.exports[id] = this.localValue(id);
      }
    } else if (
      decl.type === 'TSEnumDeclaration' ||
      ((decl.type === 'FunctionDeclaration' || decl.type === 'ClassDeclaration') && decl.id)
    ) {
      this.facts.exports[decl.id!.name] = this.localValue(decl.id!.name);
    }
  }

  private localValue(name: string): Val {
    const def = this.scopes.moduleDefinition(name);
    return def ? this.evaluator.evaluateDefinition(def) : UNKNOWN;
  }
}

// ---- helpers ---------------------------------------------------------------------------------

function customSpec(custom: CustomCallee): ArgSpec {
  const spec: ArgSpec = { args: [custom.argument ?? 0] };
  if (custom.property) spec.property = [custom.property];
  return spec;
}

function lastProp(chain: Extract<Chain, { origin: 'package' }>): string | undefined {
  const last = chain.steps[chain.steps.length - 1];
  return last && 'prop' in last ? last.prop : undefined;
}

function findProperty(obj: TSESTree.ObjectExpression, names: readonly string[]): TSESTree.Node | undefined {
  for (const prop of obj.properties) {
    if (prop.type !== 'Property' || prop.computed) continue;
    const key =
      prop.key.type === 'Identifier'
        ? prop.key.name
        : prop.key.type === 'Literal'
          ? String(prop.key.value)
          : null;
    if (key !== null && names.includes(key)) return prop.value;
  }
  return undefined;
}

function patternIdentifiers(pattern: TSESTree.Node): string[] {
  switch (pattern.type) {
    case 'Identifier':
      return [pattern.name];
    case 'ObjectPattern':
      return pattern.properties.flatMap((p) =>
        patternIdentifiers(p.type === 'Property' ? p.value : p.argument),
      );
    case 'ArrayPattern':
      return pattern.elements.flatMap((e) => (e ? patternIdentifiers(e) : []));
    case 'AssignmentPattern':
      return patternIdentifiers(pattern.left);
    case 'RestElement':
      return patternIdentifiers(pattern.argument);
    default:
      return [];
  }
}
