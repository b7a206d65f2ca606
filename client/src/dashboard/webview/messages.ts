// Messages between the dashboard webview and the extension (no imports: both sides use them).

/** Extension → webview. */
export type ToWebview = { type: 'data'; data: unknown };

/** Webview → extension. */
export type FromWebview = { type: 'refresh' } | { type: 'reveal'; feature: string } | { type: 'ready' };

/** The id of the `<script type="application/json">` element holding the first data. */
export const DATA_ELEMENT_ID = 'dashboard-data';
