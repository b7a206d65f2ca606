// The dashboard webview's HTML (no `vscode` import: the Chromium test renders it with fixture data).
// CSP-locked: no network, scripts only by nonce (the bundled dist/dashboard.js), styles only from the
// extension (dist/dashboard-style.css), images only from the extension or data URIs.
import type { DashboardData } from '../../../server/src/protocol';
import { DATA_ELEMENT_ID } from './webview/messages';

export interface DashboardPage {
  /** The webview's resource origin (`webview.cspSource`). */
  cspSource: string;
  nonce: string;
  scriptUri: string;
  styleUri: string;
  data: DashboardData;
}

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `img-src ${cspSource} data:`,
    `style-src ${cspSource}`,
    `font-src ${cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
}

/** JSON that is safe inside a <script> element (no `</script>`, no HTML comment openers). */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
}

function attr(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

export function dashboardHtml(page: DashboardPage): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${attr(contentSecurityPolicy(page.cspSource, page.nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Feature Activation Dashboard</title>
<link rel="stylesheet" href="${attr(page.styleUri)}">
</head>
<body>
<main id="dashboard" aria-live="polite"></main>
<script type="application/json" id="${DATA_ELEMENT_ID}">${scriptJson(page.data)}</script>
<script nonce="${attr(page.nonce)}" src="${attr(page.scriptUri)}"></script>
</body>
</html>
`;
}
