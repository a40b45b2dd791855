/**
 * The flashcard player's page. Static on purpose: the page carries no card text at all (cards
 * arrive later by postMessage and are rendered with textContent), so nothing a deck contains can
 * reach the HTML parser. The one script is loaded by URI and carries this render's nonce.
 */
export interface PlayerHtmlInput {
  /** `webview.cspSource`. */
  cspSource: string;
  /** Fresh for every render: see `makeNonce`. */
  nonce: string;
  /** `asWebviewUri` of dist/webview.js and media/flashcards/player.css. */
  scriptUri: string;
  styleUri: string;
}

export function playerHtml({ cspSource, nonce, scriptUri, styleUri }: PlayerHtmlInput): string {
  const csp = [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource}`,
    `font-src ${cspSource}`,
    `img-src ${cspSource}`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${attr(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${attr(styleUri)}">
<title>Async Coach flashcards</title>
</head>
<body>
<main id="app" aria-label="Flashcards"><p class="loading">Loading flashcards…</p></main>
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
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
