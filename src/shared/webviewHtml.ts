/**
 * The page shell every Async Coach webview uses (the flashcard player, the timeline). Static on
 * purpose: it carries no data at all (the view's content arrives later by postMessage and is drawn
 * with text nodes), so nothing a deck or a learner's program contains can reach the HTML parser.
 * The one script is loaded by URI and carries this render's nonce; the CSP allows nothing else.
 */
export interface WebviewHtmlInput {
  /** `webview.cspSource`. */
  cspSource: string;
  /** Fresh for every render: see `makeNonce`. */
  nonce: string;
  /** `asWebviewUri` of the view's bundle and stylesheet. */
  scriptUri: string;
  styleUri: string;
}

/** What differs between the views: the page title, the main region's label and its loading line. */
export interface WebviewPage {
  title: string;
  label: string;
  loading: string;
}

export function webviewHtml({ cspSource, nonce, scriptUri, styleUri }: WebviewHtmlInput, page: WebviewPage): string {
  const csp = ["default-src 'none'", `script-src 'nonce-${nonce}'`, `style-src ${cspSource}`, `font-src ${cspSource}`, `img-src ${cspSource}`].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${attr(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${attr(styleUri)}">
<title>${text(page.title)}</title>
</head>
<body>
<main id="app" aria-label="${attr(page.label)}"><p class="loading">${text(page.loading)}</p></main>
<script nonce="${attr(nonce)}" src="${attr(scriptUri)}"></script>
</body>
</html>
`;
}

/** 128 random bits as 32 hex characters, from webcrypto (in Node 20 and in browsers). */
export function makeNonce(): string {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

function attr(value: string): string {
  return text(value).replace(/"/g, '&quot;');
}

function text(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
