// Validates a parsed plan against the shipped JSON Schema (schemas/activation-lens.schema.json) with
// Ajv, and turns each error into a positioned problem with a message a person can act on.
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import schema from '../../../../schemas/activation-lens.schema.json';
import { closest } from '../suggest';
import type { ParsedPlan, PlanProblem } from './parse';

let compiled: ValidateFunction | undefined;

function validator(): ValidateFunction {
  // `verbose` gives each error its schema node: the allowed keys and enum values for the messages.
  compiled ??= new Ajv({ allErrors: true, allowUnionTypes: true, verbose: true, strict: true }).compile(
    schema,
  );
  return compiled;
}

/** Schema problems of a plan, in document order. YAML syntax problems are `parsed.problems`. */
export function validatePlan(parsed: ParsedPlan): PlanProblem[] {
  // An empty file is an empty plan.
  const data = parsed.data === null || parsed.data === undefined ? {} : parsed.data;
  const validate = validator();
  if (validate(data)) return [];
  const problems: PlanProblem[] = [];
  const seen = new Set<string>();
  for (const error of validate.errors ?? []) {
    const problem = describe(error, parsed);
    const key = `${problem.path}\0${problem.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push(problem);
  }
  return problems.sort((a, b) => a.line - b.line || a.column - b.column);
}

/** Every problem of a plan: YAML syntax first, then the schema's. */
export function planProblems(parsed: ParsedPlan): PlanProblem[] {
  return [...parsed.problems, ...validatePlan(parsed)];
}

function describe(error: ErrorObject, parsed: ParsedPlan): PlanProblem {
  let path = error.instancePath;
  let target: 'value' | 'key' = 'value';
  let message: string;
  const where = readable(path);
  const value = error.data;
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String((error.params as { additionalProperty: string }).additionalProperty);
      path = `${path}/${escapePointer(key)}`;
      target = 'key';
      const allowed = Object.keys(
        (error.parentSchema as { properties?: object } | undefined)?.properties ?? {},
      );
      const suggestion = closest(key, allowed);
      message =
        `unknown key "${key}"${where ? ` in ${where}` : ''}` +
        (suggestion
          ? `: did you mean "${suggestion}"?`
          : allowed.length
            ? ` (allowed: ${allowed.join(', ')})`
            : '');
      break;
    }
    case 'type':
      message = `${where || 'the plan'} must be ${article((error.params as { type: string | string[] }).type)}, not ${kind(value)}`;
      break;
    case 'enum': {
      const allowed = (error.params as { allowedValues: unknown[] }).allowedValues.map((v) => String(v));
      const suggestion = typeof value === 'string' ? closest(value, allowed) : undefined;
      message =
        `${where} must be one of ${allowed.join(', ')}, not ${JSON.stringify(value)}` +
        (suggestion ? `: did you mean "${suggestion}"?` : '');
      break;
    }
    case 'required': {
      const missing = (error.params as { missingProperty: string }).missingProperty;
      message = `${where || 'the plan'} needs "${missing}"`;
      break;
    }
    case 'pattern':
    case 'minimum':
    case 'maximum': {
      const description = (error.parentSchema as { description?: string } | undefined)?.description;
      message = `${where}: ${JSON.stringify(value)} is not valid${description ? ` (${lowerFirst(description)})` : ''}`;
      break;
    }
    case 'minLength':
      message = `${where || 'a key'} must not be empty`;
      break;
    default:
      message = `${where || 'the plan'} ${error.message ?? 'is invalid'}`;
  }
  const span = parsed.spanOf(path, target);
  return { message, path, line: span.start.line, column: span.start.column, span };
}

/** `/features/checkout-v2/targets/activationRate` → `features.checkout-v2.targets.activationRate`. */
function readable(pointer: string): string {
  return pointer
    .split('/')
    .filter(Boolean)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s, i) => (/^\d+$/.test(s) ? `[${s}]` : i === 0 ? s : `.${s}`))
    .join('');
}

function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

function article(type: string | string[]): string {
  const types = (Array.isArray(type) ? type : type.split(',')).map((t) =>
    t === 'array' ? 'a list' : t === 'object' ? 'a mapping' : `a ${t}`,
  );
  return types.join(' or ');
}

function kind(value: unknown): string {
  if (value === null) return 'empty';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `${typeof value} ${JSON.stringify(value)}`;
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1).replace(/\.$/, '');
}
