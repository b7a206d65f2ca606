// The PostHog source's settings from the plan (`kpis.posthog`): which instance and project. Never
// the key: that comes from SecretStorage (editor) or ACTIVATION_LENS_POSTHOG_API_KEY (CLI).

export const DEFAULT_POSTHOG_HOST = 'https://us.posthog.com';

export interface PostHogSettings {
  /** The instance (`https://eu.posthog.com`, a self-hosted URL); a key goes there only as trust allows. */
  host?: string;
  projectId?: string;
  /** Features per HogQL query (each query scans the events once). */
  featuresPerQuery: number;
  /** Rows per page of results. */
  pageSize: number;
}

export function postHogSettings(raw: unknown): PostHogSettings {
  const o = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  const out: PostHogSettings = { featuresPerQuery: 100, pageSize: 100 };
  if (typeof o.host === 'string' && o.host.trim()) out.host = o.host.trim();
  if ((typeof o.projectId === 'string' && o.projectId.trim()) || typeof o.projectId === 'number') {
    out.projectId = String(o.projectId).trim();
  }
  if (Number.isInteger(o.featuresPerQuery) && (o.featuresPerQuery as number) > 0) {
    out.featuresPerQuery = o.featuresPerQuery as number;
  }
  if (Number.isInteger(o.pageSize) && (o.pageSize as number) > 0) out.pageSize = o.pageSize as number;
  return out;
}
