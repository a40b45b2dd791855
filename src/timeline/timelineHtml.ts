import { webviewHtml, type WebviewHtmlInput } from '../shared/webviewHtml';

/**
 * The timeline panel's page (the shared webview shell): it carries no trace data; the view arrives
 * by postMessage and is drawn with text nodes, so nothing the learner's program prints can reach the
 * HTML parser. `scriptUri` and `styleUri` are dist/timeline.js and media/timeline/timeline.css.
 */
export function timelineHtml(input: WebviewHtmlInput): string {
  return webviewHtml(input, { title: 'Async Coach timeline', label: 'Timeline', loading: 'Loading the timeline…' });
}
