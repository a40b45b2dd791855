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
import { parseToExtension } from '../../src/shared/protocol';
import { launchBrowser, newPage, screenshotPath } from './workbench';
import { FONT_VARS, THEMES, type Theme } from './webviewThemes';

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
  /** Posts a message to the page, as the extension does. */
  send(message: unknown): Promise<void>;
}

/**
 * Opens the page with a stand-in for `acquireVsCodeApi` whose postMessage reaches a host in this
 * process that behaves like the extension: the real StudySession answers `ready`, `rate`, `undo`.
 */
async function openPlayer(page: Page, origin: string, cards: Flashcard[], theme: Theme = 'dark', more: LoadedDeck[] = []): Promise<FakeHost> {
  const decks: LoadedDeck[] = [{ source: 'test', result: { ok: true, deck: { id: 't', name: 'Test deck', cards } } }, ...more];
  const session = new StudySession(emptyProgress(), buildLibrary(decks), new Scheduler(), { newPerDay: 20, learnAheadMinutes: 20 }, new Date());
  const send = async (message: unknown): Promise<void> => {
    await page.evaluate((m) => window.postMessage(m, '*'), message);
  };
  const host: FakeHost = { received: [], session, send };
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

  it('offers "See it run" on a card that names a timeline example, and asks the extension for it', async () => {
    const host = await openPlayer(page, harness.origin, [{ ...CARDS[1]!, timeline: 'one_after_another' }]);
    assert.equal(await page.locator('.see-it-run').count(), 0, 'only with the answer');
    await page.keyboard.press('Space');
    await page.locator('.see-it-run').click();
    assert.deepEqual(host.received.at(-1), { type: 'showTimeline', key: 't/two' });
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

  it('shows a library with 1,200 tags (over the old limit) and says how many tags the filter leaves out (issue 17)', async () => {
    const many = Array.from({ length: 1_200 }, (_, i) => ({ ...CARDS[1]!, id: `m${i}`, tags: [`tag-${i}`] }));
    await openPlayer(page, harness.origin, many);
    await page.locator('#filter-toggle').click();
    assert.equal(await page.locator('.tag-list input').count(), 500);
    assert.equal(await page.locator('#more-tags').innerText(), 'The 500 most used tags are listed; 700 more are not.');
  });

  it('lists the first problems of a long list and counts the rest, without overflowing the stack', async () => {
    const errors = Array.from({ length: 150_000 }, (_, i) => ({ path: `cards[0].tags[${i}]`, message: 'must be a tag of letters, digits and _:.+- (no spaces)' }));
    await openPlayer(page, harness.origin, CARDS, 'light', [{ source: '.async-coach/decks/hostile.json', result: { ok: false, errors } }]);
    assert.equal(await page.locator('.problems li').count(), 200);
    assert.equal(await page.locator('.problems h2').innerText(), 'Deck problems (150,000)');
    assert.equal(await page.locator('#more-problems').innerText(), 'and 149,800 more: fix these, then reload the decks.');
    assert.deepEqual(violations, []);
  });

  it('says so, in the view and to the extension, when a message does not fit instead of dropping it', async () => {
    const host = await openPlayer(page, harness.origin, CARDS);
    const state = host.session.view(new Date());
    await host.send({ type: 'state', state: { ...state, available: { ...state.available, tags: Array.from({ length: 1_200 }, (_, i) => `t${i}`) } } });
    await page.locator('#view-error').waitFor();
    assert.match(await page.locator('#view-error').innerText(), /available\.tags has 1200 entries \(at most 500\)/);
    assert.deepEqual(host.received.at(-1), { type: 'viewError', message: 'state message: available.tags has 1200 entries (at most 500)' });
    await host.send({ type: 'state', state });
    await page.locator('#view-error').waitFor({ state: 'detached' });
  });

  it('labels a card brought back by undo "New card", not "Opened from the editor" (issue 15)', async () => {
    await openPlayer(page, harness.origin, CARDS);
    assert.equal(await page.locator('.meta .kind').innerText(), 'New card');
    await page.keyboard.press('Space');
    await page.keyboard.press('1');
    await page.locator('.front', { hasText: CARDS[1]?.front ?? '' }).waitFor();
    await page.keyboard.press('u');
    await page.locator('.front', { hasText: CARDS[0]?.front ?? '' }).waitFor();
    assert.equal(await page.locator('.meta .kind').innerText(), 'New card');
  });

  it('wraps card code at a narrow sidebar\'s width, continuing a wrapped line further in (issue 15)', async () => {
    await page.setViewportSize({ width: 300, height: 720 });
    const code = ['async def main():', '    results = await asyncio.gather(fetch_user(1), fetch_user(2), fetch_user(3))', '', '    print(results)'].join('\n');
    await openPlayer(page, harness.origin, [{ ...CARDS[0]!, code }]);
    await page.keyboard.press('Space');
    const pre = page.locator('pre.code');
    await pre.waitFor();
    const box = await pre.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
    assert.ok(box.scroll <= box.client, `nothing is cut off: ${JSON.stringify(box)}`);
    assert.equal(await pre.innerText(), code, 'the text (and a copy of it) is the code as written');
    const long = page.locator('pre.code .line').nth(1);
    const rects = await long.evaluate((el) => {
      const range = document.createRange();
      range.selectNodeContents(el);
      return [...range.getClientRects()].map((r) => Math.round(r.left));
    });
    assert.ok(rects.length >= 2, 'the long line wraps');
    assert.ok(rects.slice(1).every((left) => left > (rects[0] ?? 0)), `continuation lines start further in: ${rects.join(', ')}`);
    const [wrapped, after] = await Promise.all([long.boundingBox(), page.locator('pre.code .line').nth(3).boundingBox()]);
    const lineHeight = await pre.evaluate((el) => parseFloat(getComputedStyle(el).lineHeight));
    assert.ok(after!.y - (wrapped!.y + wrapped!.height) >= lineHeight * 0.9, 'the empty line between them keeps a line\'s height');
    await page.screenshot({ path: screenshotPath('flashcards-narrow-code.png'), fullPage: true, animations: 'disabled' });
  });
});
