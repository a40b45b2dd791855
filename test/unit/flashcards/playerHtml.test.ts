import assert from 'node:assert/strict';
import { playerHtml } from '../../../src/flashcards/playerHtml';
import { makeNonce } from '../../../src/shared/webviewHtml';

const input = { cspSource: 'https://x.vscode-cdn.net', nonce: 'abc123', scriptUri: 'https://x.vscode-cdn.net/dist/webview.js', styleUri: 'https://x.vscode-cdn.net/media/flashcards/player.css' };

function csp(html: string): string {
  const m = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html);
  assert.ok(m, 'no CSP meta tag');
  return m[1] ?? '';
}

describe('player page', () => {
  it('has a strict CSP: nothing by default, scripts only with the nonce, styles only from the extension', () => {
    const policy = csp(playerHtml(input)).split(';').map((d) => d.trim());
    assert.deepEqual(policy, ["default-src 'none'", "script-src 'nonce-abc123'", `style-src ${input.cspSource}`, `font-src ${input.cspSource}`, `img-src ${input.cspSource}`]);
    assert.ok(!playerHtml(input).includes('unsafe-inline'));
    assert.ok(!playerHtml(input).includes('unsafe-eval'));
  });

  it('has exactly one script, external and carrying the nonce, and no inline handlers or styles', () => {
    const html = playerHtml(input);
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    assert.deepEqual(scripts, [`<script nonce="abc123" src="${input.scriptUri}">`]);
    assert.ok(!/\son[a-z]+=/i.test(html), 'no inline event handlers');
    assert.ok(!/<style|\sstyle=/i.test(html), 'no inline styles');
  });

  it('escapes what it puts in attributes', () => {
    const html = playerHtml({ ...input, scriptUri: 'https://x/"><script>alert(1)</script>' });
    assert.ok(!html.includes('"><script>alert(1)'));
  });

  it('makes a fresh 128-bit nonce every time', () => {
    const nonces = new Set(Array.from({ length: 50 }, makeNonce));
    assert.equal(nonces.size, 50);
    for (const n of nonces) assert.match(n, /^[0-9a-f]{32}$/);
  });
});
