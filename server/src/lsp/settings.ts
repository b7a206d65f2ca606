// Settings the server reads per resource (`workspace/configuration`, section `activationLens`).
// Declared once in package.json `contributes.configuration`; a unit test checks both agree.

export interface ServerSettings {
  enable: boolean;
  codeLens: { enable: boolean };
}

export const DEFAULT_SETTINGS: ServerSettings = {
  enable: true,
  codeLens: { enable: true },
};

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

/** Merges what the client sent over the defaults, keeping only values of the default's type. */
export function resolveSettings(raw: unknown): ServerSettings {
  return mergeTyped(DEFAULT_SETTINGS, raw) as ServerSettings;
}

function mergeTyped(defaults: unknown, raw: unknown): unknown {
  if (typeof defaults === 'object' && defaults !== null && !Array.isArray(defaults)) {
    const src =
      typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
    const out: Record<string, unknown> = {};
    for (const [key, def] of Object.entries(defaults)) out[key] = mergeTyped(def, src[key]);
    return out;
  }
  return typeof raw === typeof defaults ? raw : defaults;
}
