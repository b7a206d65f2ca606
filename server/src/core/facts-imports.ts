// The module specifiers a file's facts refer to: imported values (names, constants, callees) and
// `export * from`, which the resolver follows into the target's exports; and the functions its code
// renders or calls, which gating follows into the target's full facts. The scan workers extract
// those files ahead of the analysis, which would otherwise parse them one by one as it follows them.
import type { FileFacts } from './extract';

export interface ReferencedSpecifiers {
  /** Followed for exported values. */
  exports: Set<string>;
  /** Followed into functions (components rendered, hooks called). */
  full: Set<string>;
}

export function referencedSpecifiers(facts: FileFacts): ReferencedSpecifiers {
  const exports = new Set<string>(facts.starExports);
  const full = new Set<string>();
  for (const use of facts.gates?.uses ?? []) if (use.target.kind === 'import') full.add(use.target.from);
  const stack: unknown[] = [facts.entryPoints, facts.trackingCalls, facts.exports, facts.wrappers];
  while (stack.length) {
    const value = stack.pop();
    if (!value || typeof value !== 'object') continue;
    if (Array.isArray(value)) {
      for (const v of value) if (v && typeof v === 'object') stack.push(v);
      continue;
    }
    const o = value as Record<string, unknown>;
    if (o.k === 'import' && typeof o.from === 'string') exports.add(o.from);
    for (const key in o) {
      const v = o[key];
      if (v && typeof v === 'object') stack.push(v);
    }
  }
  return { exports, full };
}
