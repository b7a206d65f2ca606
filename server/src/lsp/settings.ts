// Settings the server reads per resource (`workspace/configuration`, section `activationLens`).
// Declared once in package.json `contributes.configuration`; a unit test checks both agree.

/** Rule ids (DESIGN §3) whose severity a setting can change. */
export const RULE_IDS = [
  'missing-discovery',
  'missing-activation',
  'missing-value',
  'planned-event-not-instrumented',
  'unknown-event',
  'event-naming',
  'unresolved-event-name',
  'unknown-flag',
  'plan-invalid',
  'kpi-below-target',
  'dead-event',
  'activation-without-discovery',
] as const;
export type RuleId = (typeof RULE_IDS)[number];

/** `default` defers to the plan's `rules:` section, then to the rule's built-in severity. */
export const SEVERITY_SETTINGS = ['default', 'off', 'hint', 'info', 'warning', 'error'] as const;
export type SeveritySetting = (typeof SEVERITY_SETTINGS)[number];

export interface ServerSettings {
  enable: boolean;
  rules: Record<RuleId, SeveritySetting>;
  /** `kpis`: the lens adds the feature's headline KPIs. */
  codeLens: { enable: boolean; kpis: boolean };
  /** Live KPIs: on or off, the refresh interval in seconds (0: none) and a fixed as-of time ('' = now). */
  kpis: { enable: boolean; refreshInterval: number; asOf: string };
}

export const DEFAULT_SETTINGS: ServerSettings = {
  enable: true,
  rules: Object.fromEntries(RULE_IDS.map((id) => [id, 'default'])) as Record<RuleId, SeveritySetting>,
  codeLens: { enable: true, kpis: true },
  kpis: { enable: true, refreshInterval: 300, asOf: '' },
};

/** Allowed values of enumerated settings (dotted keys); others only need the default's type. */
const ENUMS: Record<string, readonly string[]> = Object.fromEntries(
  RULE_IDS.map((id) => [`rules.${id}`, SEVERITY_SETTINGS]),
);

/** Flattens settings to dotted keys (`codeLens.enable`), the form package.json declares them in. */
export function flattenSettings(value: unknown, prefix = ''): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    out[prefix] = value;
    return out;
  }
  for (const [key, child] of Object.entries(value)) {
    Object.assign(out, flattenSettings(child, prefix ? `${prefix}.${key}` : key));
  }
  return out;
}

/**
 * Merges what the client sent over the defaults, keeping only values of the default's type (and of
 * the allowed values for enumerations): a typo in settings.json never breaks the server.
 */
export function resolveSettings(raw: unknown): ServerSettings {
  return mergeTyped(DEFAULT_SETTINGS, raw, '') as ServerSettings;
}

function mergeTyped(defaults: unknown, raw: unknown, key: string): unknown {
  if (typeof defaults === 'object' && defaults !== null && !Array.isArray(defaults)) {
    const src =
      typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
    const out: Record<string, unknown> = {};
    for (const [k, def] of Object.entries(defaults))
      out[k] = mergeTyped(def, src[k], key ? `${key}.${k}` : k);
    return out;
  }
  if (typeof raw !== typeof defaults) return defaults;
  const allowed = ENUMS[key];
  return allowed && !allowed.includes(raw as string) ? defaults : raw;
}
