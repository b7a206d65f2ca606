import { AnalyticsBrowser } from '@segment/analytics-next';

export const analytics = AnalyticsBrowser.load({ writeKey: 'demo-write-key' });

/** The app's tracking wrapper: every event also carries the current page. */
export function trackEvent(name: string, properties: Record<string, unknown> = {}) {
  analytics.track(name, { ...properties, page: window.location.pathname });
}
