import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { Flashcard } from '../../src/flashcards/deck';
import { buildLibrary, type LoadedDeck } from '../../src/flashcards/library';
import { playerHtml } from '../../src/flashcards/playerHtml';
import { emptyProgress } from '../../src/flashcards/progress';
import { Scheduler } from '../../src/flashcards/scheduler';
import { StudySession } from '../../src/flashcards/session';
import { parseToExtension, type ToWebview } from '../../src/shared/protocol';
import { launchBrowser, newPage, screenshotPath } from './workbench';

type Theme = 'light' | 'dark' | 'high-contrast';

/**
 * Theme variables as VS Code injects them into a webview (values from its Light Modern, Dark Modern
 * and High Contrast themes), served as a stylesheet so the page's CSP allows it. In high contrast,
 * like VS Code, the secondary button colours are not defined.
 */
const THEMES: Record<Theme, { bodyClass: string; vars: Record<string, string> }> = {
  light: {
    bodyClass: 'vscode-light',
    vars: {
      foreground: '#3b3b3b', 'sideBar-background': '#f8f8f8', 'editor-background': '#ffffff', descriptionForeground: '#3b3b3b', focusBorder: '#005fb8',
      'button-background': '#005fb8', 'button-foreground': '#ffffff', 'button-hoverBackground': '#0258a8', 'button-border': '#0000001a',
      'button-secondaryBackground': '#e5e5e5', 'button-secondaryForeground': '#3b3b3b', 'button-secondaryHoverBackground': '#cccccc',
      'textLink-foreground': '#005fb8', 'textLink-activeForeground': '#005fb8', 'charts-blue': '#1a85ff', 'charts-red': '#e51400', 'charts-green': '#388a34', 'charts-yellow': '#bf8803',
      'widget-border': '#e5e5e5', 'editorWidget-background': '#f8f8f8', 'editorWidget-foreground': '#3b3b3b', 'badge-background': '#cccccc', 'badge-foreground': '#3b3b3b',
      'textCodeBlock-background': '#f0f0f0', 'keybindingLabel-background': '#dddddd66', 'keybindingLabel-foreground': '#3b3b3b', 'keybindingLabel-border': '#cccccc66', 'keybindingLabel-bottomBorder': '#bbbbbb66',
      errorForeground: '#a1260d', 'inputValidation-errorBorder': '#be1100', 'inputValidation-errorBackground': '#f2dede', 'textBlockQuote-background': '#f8f8f8', 'checkbox-background': '#f8f8f8',
      'notificationsInfoIcon-foreground': '#1a85ff', 'notificationsWarningIcon-foreground': '#bf8803', 'notificationsErrorIcon-foreground': '#e51400',
    },
  },
  dark: {
    bodyClass: 'vscode-dark',
    vars: {
      foreground: '#cccccc', 'sideBar-background': '#181818', 'editor-background': '#1f1f1f', descriptionForeground: '#9d9d9d', focusBorder: '#0078d4',
      'button-background': '#0078d4', 'button-foreground': '#ffffff', 'button-hoverBackground': '#026ec1', 'button-border': '#ffffff12',
      'button-secondaryBackground': '#313131', 'button-secondaryForeground': '#cccccc', 'button-secondaryHoverBackground': '#3c3c3c',
      'textLink-foreground': '#4daafc', 'textLink-activeForeground': '#4daafc', 'charts-blue': '#3794ff', 'charts-red': '#f14c4c', 'charts-green': '#89d185', 'charts-yellow': '#cca700',
      'widget-border': '#313131', 'editorWidget-background': '#202020', 'editorWidget-foreground': '#cccccc', 'badge-background': '#616161', 'badge-foreground': '#f8f8f8',
      'textCodeBlock-background': '#2b2b2b', 'keybindingLabel-background': '#8080802b', 'keybindingLabel-foreground': '#cccccc', 'keybindingLabel-border': '#33333399', 'keybindingLabel-bottomBorder': '#44444499',
      errorForeground: '#f85149', 'inputValidation-errorBorder': '#be1100', 'inputValidation-errorBackground': '#5a1d1d', 'textBlockQuote-background': '#2b2b2b', 'checkbox-background': '#313131',
      'notificationsInfoIcon-foreground': '#3794ff', 'notificationsWarningIcon-foreground': '#cca700', 'notificationsErrorIcon-foreground': '#f14c4c',
    },
  },
  'high-contrast': {
    bodyClass: 'vscode-high-contrast',
    vars: {
      foreground: '#ffffff', 'sideBar-background': '#000000', 'editor-background': '#000000', descriptionForeground: '#ffffff', focusBorder: '#f38518',
      contrastBorder: '#6fc3df', contrastActiveBorder: '#f38518', 'button-background': '#000000', 'button-foreground': '#ffffff', 'button-border': '#6fc3df',
      'textLink-foreground': '#21a6ff', 'textLink-activeForeground': '#21a6ff', 'charts-blue': '#3794ff', 'charts-red': '#f14c4c', 'charts-green': '#89d185', 'charts-yellow': '#cca700',
      'widget-border': '#6fc3df', 'editorWidget-background': '#0c141f', 'editorWidget-foreground': '#ffffff', 'badge-background': '#000000', 'badge-foreground': '#ffffff',
      'textCodeBlock-background': '#000000', 'keybindingLabel-foreground': '#ffffff', 'keybindingLabel-border': '#6fc3df', 'keybindingLabel-bottomBorder': '#6fc3df',
      errorForeground: '#f48771', 'inputValidation-errorBorder': '#6fc3df', 'inputValidation-errorBackground': '#000000', 'textBlockQuote-background': '#000000', 'checkbox-background': '#000000',
      'notificationsInfoIcon-foreground': '#3794ff', 'notificationsWarningIcon-foreground': '#cca700', 'notificationsErrorIcon-foreground': '#f48771',
    },
  },
};

const FONT_VARS = { 'font-family': 'system-ui, sans-serif', 'font-size': '13px', 'editor-font-family': 'monospace', 'editor-font-size': '13px' };

interface Harness {
  origin: string;
  nonce: string;
  close(): Promise<void>;
}

/**
 * Serves the built page the way the provider builds it (playerHtml, the same CSP with this origin
 * as `cspSource`), plus dist/webview.js, the stylesheet and the theme stand-ins.
 */
async function serve(root: string): Promise<Harness> {
  const nonce = 'test' + Math.random().toString(16).slice(2);
  let origin = '';
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', origin);
    const theme = /^\/theme\/([a-z-]+)\.css$/.exec(url.pathname)?.[1] as Theme | undefined;
    if (url.pathname === '/player.html') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(playerHtml({ cspSource: origin, nonce, scriptUri: `${origin}/dist/webview.js`, styleUri: `${origin}/media/flashcards/player.css` }));
    } else if (theme && THEMES[theme]) {
      const vars = { ...FONT_VARS, ...THEMES[theme].vars };
      res.writeHead(200, { 'content-type': 'text/css' });
      res.end(`html { ${Object.entries(vars).map(([k, v]) => `--vscode-${k}: ${v};`).join(' ')} }`);
    } else if (url.pathname === '/dist/webview.js' || url.pathname === '/media/flashcards/player.css') {
      const file = path.join(root, url.pathname);
      res.writeHead(existsSync(file) ? 200 : 404, { 'content-type': url.pathname.endsWith('.js') ? 'text/javascript' : 'text/css' });
      res.end(existsSync(file) ? readFileSync(file) : '');
    } else if (url.pathname === '/favicon.ico') {
      res.writeHead(204).end(); // the browser asks on its own; not part of the page
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { origin, nonce, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** Applies a theme the way VS Code does: variables on <html>, a class on <body>. */
async function applyTheme(page: Page, origin: string, theme: Theme, reduceMotion = false): Promise<void> {
  await page.addStyleTag({ url: `${origin}/theme/${theme}.css` });
  await page.evaluate(
    ([cls, motion]) => {
      document.body.classList.remove('vscode-light', 'vscode-dark', 'vscode-high-contrast');
      document.body.classList.add(cls);
      document.body.classList.toggle('vscode-reduce-motion', motion);
    },
    [THEMES[theme].bodyClass, reduceMotion] as const,
  );
}

interface FakeHost {
  /** Every message the page posted, validated as the extension would. */
  received: unknown[];
  session: StudySession;
}

/**
 * Opens the page with a stand-in for `acquireVsCodeApi` whose postMessage reaches a host in this
 * process that behaves like the extension: the real StudySession answers `ready`, `rate`, `undo`.
 */
async function openPlayer(page: Page, origin: string, cards: Flashcard[], theme: Theme = 'dark', more: LoadedDeck[] = []): Promise<FakeHost> {
  const decks: LoadedDeck[] = [{ source: 'test', result: { ok: true, deck: { id: 't', name: 'Test deck', cards } } }, ...more];
  const session = new StudySession(emptyProgress(), buildLibrary(decks), new Scheduler(), { newPerDay: 20, learnAheadMinutes: 20 }, new Date());
  const host: FakeHost = { received: [], session };
  const send = async (message: ToWebview): Promise<void> => {
    await page.evaluate((m) => window.postMessage(m, '*'), message);
  };
  await page.exposeFunction('__hostReceive', async (raw: unknown) => {
    host.received.push(raw);
    const message = parseToExtension(raw);
    if (!message) return;
    if (message.type === 'rate') session.rate(message.key, message.rating, new Date());
    if (message.type === 'undo') session.undo();
    if (message.type === 'requestStats') await send({ type: 'stats', stats: session.stats(new Date()) });
    if (message.type === 'setFilter') session.setFilter(message.filter);
    if (['ready', 'rate', 'undo', 'setFilter'].includes(message.type)) await send({ type: 'state', state: session.view(new Date()) });
  });
  await page.addInitScript(() => {
    const w = window as unknown as { __hostReceive: (m: unknown) => void; __uiState: unknown; acquireVsCodeApi: () => unknown };
    w.acquireVsCodeApi = () => ({
      postMessage: (m: unknown) => w.__hostReceive(m),
      getState: () => w.__uiState,
      setState: (s: unknown) => {
        w.__uiState = s;
      },
    });
  });
  await page.goto(`${origin}/player.html`);
  await applyTheme(page, origin, theme);
  await page.locator('article.card').waitFor();
  return host;
}

const ROOT = path.resolve(__dirname, '..', '..', '..');
const CARDS: Flashcard[] = [
  { id: 'one', front: 'What does calling an async def function return?', back: 'A coroutine object; nothing runs until it is awaited.', code: 'coro = fetch()\nvalue = await coro', difficulty: 'easy', tags: ['coroutines', 'basics'], source: { timestamp: '00:51' }, rules: ['ACO201'], snippets: [] },
  { id: 'two', front: 'How does asyncio.gather differ from sequential await?', back: 'The total time is the slowest task, not the sum.', difficulty: 'medium', tags: ['gather'], rules: ['ACO101'], snippets: ['aio-gather'] },
  { id: 'hostile', front: '<img src=x onerror="window.__pwned = 1">', back: '</script><script>window.__pwned = 2</script>', code: '<b>bold?</b> & &amp;', difficulty: 'hard', tags: ['security'], rules: [], snippets: [] },
];

/** WCAG contrast ratio of two `rgb(...)` colours. */
function contrast(a: string, b: string): number {
  const lum = (c: string): number => {
    const [r = 0, g = 0, bl = 0] = (c.match(/\d+(\.\d+)?/g) ?? []).map(Number).map((v) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

describe('UI: the flashcard player page in headless chromium (stand-in for the VS Code webview host)', function () {
  let browser: Browser;
  let harness: Harness;
  let page: Page;
  const violations: string[] = [];

  before(async () => {
    if (!existsSync(path.join(ROOT, 'dist', 'webview.js'))) execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'build.mjs')]);
    browser = await launchBrowser();
    harness = await serve(ROOT);
  });
  after(async () => {
    await browser?.close();
    await harness?.close();
  });
  beforeEach(async () => {
    page = await newPage(browser, { width: 420, height: 720 });
    violations.length = 0;
    page.on('console', (m) => {
      if (m.type() === 'error') violations.push(m.text());
    });
  });
  afterEach(async () => {
    await page?.close();
  });

  it('renders the first card after the ready handshake, with counts, difficulty, tags and timestamp', async () => {
    const host = await openPlayer(page, harness.origin, CARDS);
    assert.deepEqual(host.received[0], { type: 'ready' });
    assert.equal(await page.locator('.front').innerText(), CARDS[0]?.front);
    assert.equal(await page.locator('.count.new').textContent(), '3 new');
    assert.equal(await page.locator('.badge.difficulty').innerText(), 'easy');
    assert.deepEqual(await page.locator('.tags li').allInnerTexts(), ['coroutines', 'basics']);
    assert.equal(await page.locator('.source').innerText(), '▶ 00:51');
    assert.equal(await page.locator('.answer').isHidden(), true);
    assert.equal(await page.locator('article.card').getAttribute('aria-roledescription'), 'flashcard');
    assert.deepEqual(violations, []);
  });

  it('reveals with Space, shows an interval on each answer button, rates with 3, and undoes with U', async () => {
    const host = await openPlayer(page, harness.origin, CARDS);
    await page.keyboard.press('Space');
    assert.equal(await page.locator('.back').innerText(), CARDS[0]?.back);
    assert.equal(await page.locator('pre.code').innerText(), CARDS[0]?.code);
    const buttons = page.locator('.answer-button');
    assert.equal(await buttons.count(), 4);
    for (const [i, label] of ['Again', 'Hard', 'Good', 'Easy'].entries()) {
      const name = (await buttons.nth(i).getAttribute('aria-label')) ?? '';
      assert.match(name, new RegExp(`^${label}, .*: next in (<1m|\\d+(m|h|d))$`));
    }
    await page.keyboard.press('3');
    await page.locator('.front', { hasText: CARDS[1]?.front ?? '' }).waitFor();
    assert.deepEqual(host.received.at(-1), { type: 'rate', key: 't/one', rating: 3 });
    await page.keyboard.press('u');
    await page.locator('.front', { hasText: CARDS[0]?.front ?? '' }).waitFor();
    assert.deepEqual(host.received.at(-1), { type: 'undo' });
    assert.equal(await page.locator('.answer').isHidden(), true, 'the undone card starts from its question');
  });

  it('answers 1, 2 and 4 from the keyboard, and ignores digits before the answer shows', async () => {
    const host = await openPlayer(page, harness.origin, CARDS);
    await page.keyboard.press('4');
    assert.ok(!host.received.some((m) => (m as { type: string }).type === 'rate'), 'no rating before the reveal');
    for (const rating of [1, 2, 4]) {
      const before = await page.locator('article.card').getAttribute('data-key');
      await page.keyboard.press('Enter');
      await page.locator('.answer-button').first().waitFor();
      await page.keyboard.press(String(rating));
      await page.waitForFunction((key) => document.querySelector('article.card')?.getAttribute('data-key') !== key, before);
      assert.deepEqual(host.received.at(-1), { type: 'rate', key: before, rating });
    }
  });

  it('studies a whole deck with the keyboard alone, to the session summary', async () => {
    const host = await openPlayer(page, harness.origin, CARDS);
    for (let i = 0; i < 20 && (await page.locator('article.card').count()) > 0; i++) {
      const key = await page.locator('article.card').getAttribute('data-key');
      await page.keyboard.press('Space');
      await page.keyboard.press('Space');
      await page.waitForFunction((k) => document.querySelector('article.card')?.getAttribute('data-key') !== k || document.querySelector('.done'), key);
    }
    await page.locator('.done').waitFor();
    const rated = host.received.filter((m) => (m as { type: string }).type === 'rate').length;
    assert.ok(rated >= CARDS.length, `${rated} answers`);
    assert.match(await page.locator('.summary').innerText(), new RegExp(`${rated} cards`));
    assert.match(await page.locator('.done').innerText(), /next card is due in/);
    await page.screenshot({ path: screenshotPath('flashcards-dark-done.png'), fullPage: true, animations: 'disabled' });
  });

  it('shows hostile card text literally and runs none of it', async () => {
    const hostile = CARDS[2];
    assert.ok(hostile);
    await openPlayer(page, harness.origin, [hostile]);
    await page.keyboard.press('Space');
    assert.equal(await page.locator('.front').innerText(), hostile.front);
    assert.equal(await page.locator('.back').innerText(), hostile.back);
    assert.equal(await page.locator('pre.code').innerText(), hostile.code);
    assert.equal(await page.locator('article.card img, article.card script, article.card b').count(), 0);
    assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined);
  });

  it('runs no script without the nonce: only the page\'s own script carries it, an injected one is blocked', async () => {
    await openPlayer(page, harness.origin, CARDS);
    const scripts = await page.evaluate(() => [...document.scripts].map((s) => ({ src: s.src, nonce: s.nonce })));
    assert.deepEqual(scripts, [{ src: `${harness.origin}/dist/webview.js`, nonce: harness.nonce }]);
    const blocked = await page.evaluate(
      () =>
        new Promise<string>((resolve) => {
          document.addEventListener('securitypolicyviolation', (e) => resolve(e.violatedDirective), { once: true });
          const s = document.createElement('script');
          s.textContent = 'window.__inline = 1';
          document.body.append(s);
        }),
    );
    assert.match(blocked, /^script-src/);
    assert.equal(await page.evaluate(() => (window as unknown as { __inline?: number }).__inline), undefined);
  });

  for (const theme of ['light', 'dark', 'high-contrast'] as const) {
    it(`is readable in the ${theme} theme (colours from --vscode-* variables); screenshots`, async () => {
      await openPlayer(page, harness.origin, CARDS, theme);
      await page.screenshot({ path: screenshotPath(`flashcards-${theme}-question.png`), fullPage: true, animations: 'disabled' });
      await page.keyboard.press('Space');
      await page.locator('.answer-button').first().waitFor();
      await page.screenshot({ path: screenshotPath(`flashcards-${theme}-answer.png`), fullPage: true, animations: 'disabled' });
      const colours = await page.evaluate(() => {
        const style = (sel: string): CSSStyleDeclaration => getComputedStyle(document.querySelector(sel) as Element);
        const vars = getComputedStyle(document.documentElement);
        return {
          text: style('.front').color,
          card: style('article.card').backgroundColor,
          good: style('.answer-button.good').backgroundColor,
          goodText: style('.answer-button.good .label').color,
          buttonVar: vars.getPropertyValue('--vscode-button-background').trim(),
        };
      });
      assert.ok(contrast(colours.text, colours.card) >= 4.5, `question text contrast ${contrast(colours.text, colours.card).toFixed(2)} in ${theme}`);
      assert.ok(contrast(colours.goodText, colours.good) >= 4.5, `Good button contrast ${contrast(colours.goodText, colours.good).toFixed(2)} in ${theme}`);
      const hex = colours.buttonVar.replace('#', '');
      const rgb = `rgb(${parseInt(hex.slice(0, 2), 16)}, ${parseInt(hex.slice(2, 4), 16)}, ${parseInt(hex.slice(4, 6), 16)})`;
      assert.equal(colours.good, rgb, 'the Good button takes the theme\'s button colour');
    });
  }

  it('turns the reveal animation off for reduce-motion', async () => {
    await openPlayer(page, harness.origin, CARDS);
    await applyTheme(page, harness.origin, 'dark', true);
    await page.keyboard.press('Space');
    assert.equal(await page.locator('.answer').evaluate((el) => getComputedStyle(el).animationName), 'none');
  });

  it('filters by tag and shows statistics, all from the keyboard', async () => {
    const host = await openPlayer(page, harness.origin, CARDS);
    await page.locator('#filter-toggle').focus();
    await page.keyboard.press('Enter');
    await page.locator('#tag-1').focus(); // tags are sorted: basics, coroutines, gather, security
    assert.equal(await page.locator('label[for="tag-2"]').innerText(), 'gather');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space');
    await page.locator('.count.new', { hasText: '1 new' }).waitFor();
    assert.deepEqual(host.received.at(-1), { type: 'setFilter', filter: { tags: ['gather'], difficulties: [] } });
    await page.locator('#stats-toggle').focus();
    await page.keyboard.press('Enter');
    await page.locator('.forecast').waitFor();
    assert.equal(await page.locator('.forecast tbody tr').count(), 7);
    await page.screenshot({ path: screenshotPath('flashcards-dark-stats.png'), fullPage: true, animations: 'disabled' });
  });

  it('lists every problem of a broken deck in the view, with its file and place', async () => {
    const broken: LoadedDeck = {
      source: '.async-coach/decks/broken.json',
      result: { ok: false, errors: [{ path: 'cards[0].front', message: 'must be a non-empty string' }, { path: 'cards[1].difficulty', message: 'must be one of easy, medium, hard' }] },
    };
    await openPlayer(page, harness.origin, CARDS, 'light', [broken]);
    const items = await page.locator('.problems li').allInnerTexts();
    assert.deepEqual(items, ['.async-coach/decks/broken.json cards[0].front: must be a non-empty string', '.async-coach/decks/broken.json cards[1].difficulty: must be one of easy, medium, hard']);
    assert.match(await page.locator('.problems h2').innerText(), /Deck problems \(2\)/);
    await page.screenshot({ path: screenshotPath('flashcards-light-problems.png'), fullPage: true, animations: 'disabled' });
  });
});
