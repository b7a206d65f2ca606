// Plain-language explanations of discovered wrappers, shared by the CLI text output and hovers.
import type { Wrapper } from '../types';

/** How a wrapper builds the name: `"Experiment Snapshot: " + arg 0`, `arg 0.event`, `` `${0} ${1}` ``. */
export function nameFormula(w: Wrapper): string {
  if (w.template !== undefined) return `\`${w.template}\``;
  const arg = w.proxy ? 'property name' : `arg ${w.argument}${w.property ? `.${w.property}` : ''}`;
  return [w.prefix && JSON.stringify(w.prefix), arg, w.suffix && JSON.stringify(w.suffix)]
    .filter(Boolean)
    .join(' + ');
}

/** `trackReport("report_" + arg 0)  tracking via trackEvent → mixpanel.track (mixpanel)` */
export function explainWrapper(w: Wrapper): string {
  const route = w.via.map((step) => step.callee).join(' → ');
  return `${w.name}(${nameFormula(w)})  ${w.kind} via ${route} (${w.sdk})`;
}
