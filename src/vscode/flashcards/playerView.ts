import * as vscode from 'vscode';
import { playerHtml } from '../../flashcards/playerHtml';
import { makeNonce } from '../../shared/webviewHtml';
import { parseToExtension, type ToExtension, type ToWebview } from '../../shared/protocol';

/** The view inside the Async Coach activity-bar container (ids must match package.json). */
export const FLASHCARD_VIEW_ID = 'asyncCoach.flashcards.player';

/**
 * The webview plumbing of the player: page, security, message validation and the `ready`
 * handshake. Nothing is posted before the page says it is listening, and every page load (the
 * view is re-created when shown again) needs a new `ready`.
 */
export class PlayerView implements vscode.WebviewViewProvider, vscode.Disposable {
  private view: vscode.WebviewView | undefined;
  private ready = false;
  private waiters: (() => void)[] = [];
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly onMessage: (message: ToExtension) => void,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  resolveWebviewView(webviewView: vscode.WebviewView): void {
    this.view = webviewView;
    this.ready = false;
    const webview = webviewView.webview;
    webview.options = {
      enableScripts: true,
      localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'media'), vscode.Uri.joinPath(this.extensionUri, 'dist')],
    };
    this.render();
    const subs: vscode.Disposable[] = [
      webview.onDidReceiveMessage((raw: unknown) => {
        const message = parseToExtension(raw);
        if (!message) {
          this.log.warn(`Flashcards: ignored a malformed message from the view: ${safeJson(raw)}`);
          return;
        }
        if (message.type === 'ready') {
          this.ready = true;
          this.waiters.splice(0).forEach((resolve) => resolve());
        }
        this.onMessage(message);
      }),
      webviewView.onDidChangeVisibility(() => {
        // Hidden views lose their page; the next one gets a fresh nonce and must say ready again.
        this.ready = false;
        if (webviewView.visible) this.render();
      }),
      webviewView.onDidDispose(() => {
        this.view = undefined;
        this.ready = false;
        for (const s of subs) s.dispose();
      }),
    ];
    this.disposables.push(...subs);
  }

  /** Posts when the page is listening; false (nothing sent) otherwise: the next `ready` catches up. */
  post(message: ToWebview): boolean {
    if (!this.view || !this.ready) return false;
    void this.view.webview.postMessage(message);
    return true;
  }

  isReady(): boolean {
    return this.ready;
  }

  isVisible(): boolean {
    return this.view?.visible === true;
  }

  /** Opens the view and waits (up to `ms`) for its page to be ready. */
  async show(ms = 15_000): Promise<boolean> {
    await vscode.commands.executeCommand(`${FLASHCARD_VIEW_ID}.focus`);
    if (this.ready) return true;
    return new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), ms);
      this.waiters.push(() => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }

  private render(): void {
    const webview = this.view?.webview;
    if (!webview) return;
    webview.html = playerHtml({
      cspSource: webview.cspSource,
      nonce: makeNonce(),
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'media', 'flashcards', 'player.css')).toString(),
    });
  }
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value).slice(0, 200);
  } catch {
    return String(value);
  }
}
