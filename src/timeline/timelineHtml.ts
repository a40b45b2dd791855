/**
 * The timeline panel's page: the same rules as the flashcard player's (see playerHtml.ts). It
 * carries no trace data: the view arrives by postMessage and is drawn with text nodes, so nothing
 * the learner's program prints can reach the HTML parser. One script, with this render's nonce.
 */
export interface TimelineHtmlInput {
  /** `webview.cspSource`. */
  cspSource: string;
  /** Fresh for every render (`makeNonce`). */
  nonce: string;
  /** `asWebviewUri` of dist/timeline.js and media/timeline/timeline.css. */
  scriptUri: string;
  styleUri: string;
}

export function timelineHtml({ cspSource, nonce, scriptUri, styleUri }: TimelineHtmlInput): string {
  const csp = ["default-src 'none'", `script-src 'nonce-${nonce}'`, `style-src ${cspSource}`, `font-src ${cspSource}`, `img-src ${cspSource}`].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${attr(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${attr(styleUri)}">
<title>Async Coach timeline</title>
</head>
<body>
<main id="app" aria-label="Timeline"><p class="loading">Loading the timeline…</p></main>
<script nonce="${attr(nonce)}" src="${attr(scriptUri)}"></script>
</body>
</html>
`;
}

function attr(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
