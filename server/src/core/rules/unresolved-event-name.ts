// `unresolved-event-name`: an event name is computed at run time, so no milestone can be checked with it.
import type { Rule } from './types';

export const rule: Rule = {
  id: 'unresolved-event-name',
  defaultLevel: 'hint',
  summary: 'An event name is dynamic and cannot be resolved statically.',
  help: 'The event name is computed at run time (a parameter, a `let`, a template with a variable part), so it cannot be matched with the plan or count for a milestone. Use a string literal or a constant, or declare the function that sends it as a wrapper in `sdks.tracking`.',
  check(ctx) {
    return ctx.trackingCalls
      .filter((call) => call.event === null)
      .map((call) => {
        const features = ctx.features.filter((f) =>
          f.unresolved.some((u) => u.file === call.file && u.span.startOffset === call.span.startOffset),
        );
        const expression = call.expression ?? '';
        const shown = expression.startsWith('`') ? expression : `\`${expression}\``;
        return {
          rule: 'unresolved-event-name',
          file: call.file,
          span: call.nameSpan,
          message:
            `The event name ${shown} is computed at run time, so it cannot satisfy a milestone` +
            `${features.length ? ` of ${features.map((f) => f.key).join(', ')}` : ''}: use a literal or a constant.`,
          related: features.flatMap((f) =>
            f.entryPoints.map((ep) => ({
              file: ep.file,
              span: ep.span,
              message: `${f.key} is checked here`,
            })),
          ),
        };
      });
  },
};
