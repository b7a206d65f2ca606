// Lookups over the built-in SDK catalogues: which definitions a package, receiver or name matches.
import type { ModuleKind } from './chains';
import { FLAG_SDKS } from './sdks/flags';
import type { CallDef, SdkDef } from './sdks/shapes';
import { TRACKING_SDKS } from './sdks/tracking';

export type Domain = 'flag' | 'tracking';

export interface CatalogueMatch {
  domain: Domain;
  sdk: string;
  call: CallDef;
}

const DOMAINS: readonly [Domain, readonly SdkDef<string>[]][] = [
  ['flag', FLAG_SDKS],
  ['tracking', TRACKING_SDKS],
];

export function isSdkPackage(pkg: string): boolean {
  return DOMAINS.some(([, defs]) => defs.some((def) => def.packages.test(pkg)));
}

/** A module specifier's kind, given the project's own module prefixes (tsconfig `paths`, baseUrl dirs). */
export function moduleClassifier(projectPrefixes: readonly string[]): (spec: string) => ModuleKind {
  return (spec) => {
    if (spec.startsWith('.') || spec.startsWith('/') || spec.startsWith('#')) return 'project';
    // A prefix `@acme/analytics/` (a workspace package) also stands for the bare `@acme/analytics`.
    if (projectPrefixes.some((p) => spec === p || spec.startsWith(p) || `${spec}/` === p)) return 'project';
    if (isSdkPackage(spec)) return 'sdk';
    // Common path-alias conventions that are never npm package names.
    if (spec.startsWith('@/') || spec.startsWith('~/') || spec.startsWith('~')) return 'project';
    return 'foreign';
  };
}

function find(defs: Iterable<[Domain, SdkDef<string>]>, name: string, accept: (call: CallDef) => boolean) {
  const out: CatalogueMatch[] = [];
  for (const [domain, def] of defs) {
    for (const call of def.calls) {
      if (call.names.includes(name) && accept(call)) out.push({ domain, sdk: def.sdk, call });
    }
  }
  return out;
}

function* all(): Iterable<[Domain, SdkDef<string>]> {
  for (const [domain, defs] of DOMAINS) for (const def of defs) yield [domain, def];
}

function* ofPackage(pkg: string): Iterable<[Domain, SdkDef<string>]> {
  for (const [domain, def] of all()) if (def.packages.test(pkg)) yield [domain, def];
}

/** A call named `name` on a value bound to package `pkg` (a method, or a named import called). */
export function matchPackageCall(pkg: string, name: string): CatalogueMatch[] {
  return find(ofPackage(pkg), name, () => true);
}

/** What a function returned by a package's factory is (`usePlausible()` returns `plausible`). */
export function returnedCallable(pkg: string, factory: string): string | undefined {
  for (const [, def] of ofPackage(pkg)) {
    const fn = def.returnsCallable?.[factory];
    if (fn) return fn;
  }
  return undefined;
}

/** A package function whose result holds flags as properties (`useFlags()`). */
export function flagObjectOf(pkg: string, factory: string) {
  for (const [, def] of ofPackage(pkg)) {
    const obj = def.flagObjects?.find((o) => o.name === factory);
    if (obj) return { sdk: def.sdk, ...obj };
  }
  return undefined;
}

/**
 * A method call on a receiver the program does not bind: the receiver's name decides (`analytics`,
 * `posthog`), else a method name that belongs to one SDK alone (`variation`, `checkGate`).
 */
export function matchUnknownMethod(receiverNames: readonly string[], method: string): CatalogueMatch[] {
  const byReceiver: CatalogueMatch[] = [];
  for (const [domain, def] of all()) {
    if (!receiverNames.some((n) => n && def.receiverNames.test(n))) continue;
    for (const call of def.calls)
      if (call.names.includes(method)) byReceiver.push({ domain, sdk: def.sdk, call });
  }
  if (byReceiver.length) return byReceiver;
  return find(all(), method, (call) => call.distinctive === true);
}

/** A free function call the program does not bind: only global snippets and SDK-unique hook names. */
export function matchUnboundFunction(name: string): CatalogueMatch[] {
  return find(all(), name, (call) => call.unbound === true);
}
