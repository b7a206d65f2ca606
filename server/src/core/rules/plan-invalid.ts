// `plan-invalid`: the plan file is not valid YAML or does not follow its JSON Schema.
import type { Rule } from './types';

export const rule: Rule = {
  id: 'plan-invalid',
  defaultLevel: 'error',
  summary: 'The plan file is malformed: YAML syntax, wrong types or unknown keys.',
  help: "The plan file is not valid YAML, or a value does not follow the plan's JSON Schema (a wrong type, an unknown key, a misspelt setting). The rest of the plan still applies.",
  check(ctx) {
    if (ctx.planFile === undefined || !ctx.parsed) return [];
    const file = ctx.planFile;
    return ctx.planProblems.map((p) => ({
      rule: 'plan-invalid',
      file,
      span: p.span ?? ctx.parsed!.spanOf(p.path),
      message: p.message,
      related: [],
    }));
  },
};
