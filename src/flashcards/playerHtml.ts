import { webviewHtml, type WebviewHtmlInput } from '../shared/webviewHtml';

/**
 * The flashcard player's page (the shared webview shell): the page carries no card text at all;
 * cards arrive by postMessage and are rendered with textContent. `scriptUri` and `styleUri` are
 * dist/webview.js and media/flashcards/player.css.
 */
export function playerHtml(input: WebviewHtmlInput): string {
  return webviewHtml(input, { title: 'Async Coach flashcards', label: 'Flashcards', loading: 'Loading flashcards…' });
}
