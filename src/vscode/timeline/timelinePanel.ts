import * as vscode from 'vscode';
import { makeNonce } from '../../shared/webviewHtml';
import { parseTimelineToExtension, type TimelineToExtension, type TimelineToWebview, type TimelineView } from '../../shared/timelineProtocol';
import { timelineHtml } from '../../timeline/timelineHtml';

export const TIMELINE_VIEW_TYPE = 'asyncCoach.timeline';

/**
 * The timeline's webview panel, beside the code: one at a time, reused by every run. It keeps
 * the last message so a page that reloads (the panel was hidden and shown again) gets it after
 * its `ready`. Nothing is posted before the page says it is listening.
 */
export class TimelinePanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private ready = false;
  private last: TimelineToWebview | undefined;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly onMessage: (message: TimelineToExtension) => void,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  /** Shows "running…" while a program runs. */
  running(title: string, text: string): void {
    this.send({ type: 'running', title, text });
  }

  error(title: string, text: string): void {
    this.send({ type: 'error', title, text });
  }

  show(view: TimelineView): void {
    this.send({ type: 'show', view });
  }

  /** What the page shows (or will show once ready): for tests and troubleshooting. */
  snapshot(): { ready: boolean; message: TimelineToWebview | undefined } {
    return { ready: this.ready, message: this.last };
  }

  private send(message: TimelineToWebview): void {
    this.last = message;
    const panel = this.open();
    if (this.ready) void panel.webview.postMessage(message);
  }

  private open(): vscode.WebviewPanel {
    if (this.panel) {
      if (!this.panel.visible) this.panel.reveal(vscode.ViewColumn.Beside, true);
      return this.panel;
    }
    const panel = vscode.window.createWebviewPanel(TIMELINE_VIEW_TYPE, 'Async Coach Timeline', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
      enableScripts: true,
      localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'media'), vscode.Uri.joinPath(this.extensionUri, 'dist')],
    });
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'flashcards', 'cards.svg');
    this.panel = panel;
    this.ready = false;
    this.render(panel);
    let wasVisible = true;
    const subs = [
      panel.webview.onDidReceiveMessage((raw: unknown) => {
        const message = parseTimelineToExtension(raw);
        if (!message) {
          this.log.warn(`Timeline: ignored a malformed message from the view: ${String(JSON.stringify(raw)).slice(0, 200)}`);
          return;
        }
        if (message.type === 'ready') {
          this.ready = true;
          if (this.last) void panel.webview.postMessage(this.last);
        }
        this.onMessage(message);
      }),
      panel.onDidChangeViewState(() => {
        // A hidden webview loses its page: the next one gets a fresh nonce and says ready again.
        if (panel.visible === wasVisible) return;
        wasVisible = panel.visible;
        this.ready = false;
        if (panel.visible) this.render(panel);
      }),
      panel.onDidDispose(() => {
        this.panel = undefined;
        this.ready = false;
        for (const s of subs) s.dispose();
      }),
    ];
    return panel;
  }

  private render(panel: vscode.WebviewPanel): void {
    const webview = panel.webview;
    webview.html = timelineHtml({
      cspSource: webview.cspSource,
      nonce: makeNonce(),
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'dist', 'timeline.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'media', 'timeline', 'timeline.css')).toString(),
    });
  }

  dispose(): void {
    this.panel?.dispose();
  }
}
