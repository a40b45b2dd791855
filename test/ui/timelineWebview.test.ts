import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { loadPythonParser } from '../../src/analysis/parser';
import { parseTimelineToExtension, type TimelineToExtension, type TimelineView } from '../../src/shared/timelineProtocol';
import { sourceWithSequentialAwaitsFix } from '../../src/timeline/fixedCopy';
import { buildRun, buildTimeline } from '../../src/timeline/layout';
import { runTracer, TRACER_SCRIPT } from '../../src/timeline/runTracer';
import { timelineHtml } from '../../src/timeline/timelineHtml';
import { FONT_VARS, THEMES, type Theme } from './webviewThemes';
import { launchBrowser, screenshotPath } from './workbench';

const ROOT = path.resolve(__dirname, '..', '..', '..');

/** Serves the timeline page as the panel builds it (same CSP, this origin as cspSource), its script, stylesheet and theme stand-ins. */
async function serve(): Promise<{ origin: string; close(): Promise<void> }> {
  const nonce = 'test' + Math.random().toString(16).slice(2);
  let origin = '';
  const files: Record<string, string> = { '/dist/timeline.js': 'text/javascript', '/media/timeline/timeline.css': 'text/css' };
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', origin);
    const theme = /^\/theme\/([a-z-]+)\.css$/.exec(url.pathname)?.[1] as Theme | undefined;
    if (url.pathname === '/timeline.html') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(timelineHtml({ cspSource: origin, nonce, scriptUri: `${origin}/dist/timeline.js`, styleUri: `${origin}/media/timeline/timeline.css` }));
    } else if (theme && THEMES[theme]) {
      res.writeHead(200, { 'content-type': 'text/css' });
      res.end(`html { ${Object.entries({ ...FONT_VARS, ...THEMES[theme].vars }).map(([k, v]) => `--vscode-${k}: ${v};`).join(' ')} }`);
    } else if (files[url.pathname]) {
      res.writeHead(200, { 'content-type': files[url.pathname] });
      res.end(readFileSync(path.join(ROOT, url.pathname)));
    } else {
      res.writeHead(url.pathname === '/favicon.ico' ? 204 : 404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { origin, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** Runs a file (or text as that file) under the real tracer, as the extension does. */
async function traced(label: string, file: string, text?: string): Promise<ReturnType<typeof buildRun>> {
  let script = file;
  let scratch: string | undefined;
  if (text !== undefined) {
    scratch = mkdtempSync(path.join(os.tmpdir(), 'async-coach-ui-timeline-'));
    script = path.join(scratch, path.basename(file));
    writeFileSync(script, text);
  }
  try {
    const run = await runTracer({ pythons: ['python3'], tracer: path.join(ROOT, TRACER_SCRIPT), script, cwd: path.dirname(file), sysPath: path.dirname(file), timeoutSeconds: 60 });
    assert.ok(run.trace, run.problem);
    return buildRun({ label, trace: run.trace, output: run.output, timeoutSeconds: 60, exitCode: run.exitCode });
  } finally {
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  }
}

interface Host {
  received: TimelineToExtension[];
  raw: unknown[];
}

/** Opens the page with a stand-in for acquireVsCodeApi; the host answers `ready` with `view`. */
async function open(page: Page, origin: string, view: TimelineView, theme: Theme): Promise<Host> {
  const host: Host = { received: [], raw: [] };
  await page.exposeFunction('__hostReceive', async (raw: unknown) => {
    host.raw.push(raw);
    const message = parseTimelineToExtension(raw);
    if (message) host.received.push(message);
    if (message?.type === 'ready') await page.evaluate((m) => window.postMessage(m, '*'), { type: 'show', view });
  });
  await page.addInitScript(() => {
    const w = window as unknown as { __hostReceive: (m: unknown) => void; __uiState: unknown; acquireVsCodeApi: () => unknown };
    w.acquireVsCodeApi = () => ({ postMessage: (m: unknown) => w.__hostReceive(m), getState: () => w.__uiState, setState: (s: unknown) => (w.__uiState = s) });
  });
  await page.goto(`${origin}/timeline.html`);
  await page.addStyleTag({ url: `${origin}/theme/${theme}.css` });
  await page.evaluate((cls) => document.body.classList.add(cls), THEMES[theme].bodyClass);
  await page.locator('.grid').first().waitFor({ timeout: 10_000 });
  return host;
}

describe('UI: the timeline page ("See it run") in headless chromium, with real traces', function () {
  this.timeout(240_000);
  let browser: Browser;
  let server: Awaited<ReturnType<typeof serve>>;
  let single: TimelineView;
  let compared: TimelineView;
  let stalled: TimelineView;
  let page: Page;
  const errors: string[] = [];

  before(async function () {
    if (execFileSync('python3', ['--version'], { encoding: 'utf8' }).length === 0) this.skip();
    if (!existsSync(path.join(ROOT, 'dist', 'timeline.js'))) execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'build.mjs')]);
    const sequential = path.join(ROOT, 'examples', 'sequential.py');
    const parser = await loadPythonParser({ runtime: require.resolve('web-tree-sitter/web-tree-sitter.wasm'), python: require.resolve('tree-sitter-python/tree-sitter-python.wasm') });
    const fixed = sourceWithSequentialAwaitsFix(parser, readFileSync(sequential, 'utf8'));
    assert.ok(fixed);
    // One Python at a time.
    const asItIs = await traced('As it is', sequential);
    const withFix = await traced('With the fix', sequential, fixed.text);
    single = buildTimeline('sequential.py', [{ ...asItIs, label: 'sequential.py' }]);
    compared = buildTimeline('sequential.py', [asItIs, withFix], `“${fixed.fixTitle}” applied to a temporary copy; sequential.py itself is unchanged.`);
    stalled = buildTimeline('blocking_call.py', [await traced('blocking_call.py', path.join(ROOT, 'examples', 'blocking_call.py'))]);
    browser = await launchBrowser();
    server = await serve();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });
  beforeEach(async () => {
    page = await browser.newPage({ viewport: { width: 1100, height: 640 } });
    errors.length = 0;
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(e.message));
  });
  afterEach(async () => {
    await page?.close();
  });

  for (const theme of ['light', 'dark', 'high-contrast'] as const) {
    it(`draws examples/sequential.py and its comparison with the fix in the ${theme} theme; screenshots`, async () => {
      const host = await open(page, server.origin, single, theme);
      assert.deepEqual(host.raw[0], { type: 'ready' });
      assert.deepEqual(await page.locator('.lane[data-lane] .coroutine').allInnerTexts(), ['main']);
      assert.ok((await page.locator('.seg.waiting').count()) >= 3, 'main waits three times, one call after another');
      await page.screenshot({ path: screenshotPath(`timeline-${theme}-sequential.png`), fullPage: true, animations: 'disabled' });

      await page.evaluate((view) => window.postMessage({ type: 'show', view }, '*'), compared);
      await page.locator('#comparison').waitFor();
      assert.match(await page.locator('#comparison').innerText(), /^1\.\d s → 0\.\d\d s$/);
      const runs = page.locator('section.run');
      assert.equal(await runs.count(), 2);
      assert.deepEqual(await runs.nth(1).locator('.lane[data-lane] .coroutine').allInnerTexts(), ['main', 'fetch_user', 'fetch_orders', 'fetch_recommendations']);
      const running = await page.locator('.seg.running').first().evaluate((el) => getComputedStyle(el).backgroundColor);
      const blue = THEMES[theme].vars['charts-blue'] ?? '';
      assert.equal(running, `rgb(${[1, 3, 5].map((i) => parseInt(blue.slice(i, i + 2), 16)).join(', ')})`, 'running bars take the theme\'s chart blue');
      await page.screenshot({ path: screenshotPath(`timeline-${theme}-compare.png`), fullPage: true, animations: 'disabled' });
      assert.deepEqual(errors, [], 'no CSP violation or script error');
    });
  }

  it('shows the task, its coroutine and what it waited on when a bar is hovered, and opens its line on click', async () => {
    const host = await open(page, server.origin, compared, 'dark');
    const bar = page.locator('section.run').nth(1).locator('.lane[data-lane]').nth(1).locator('.seg.waiting[aria-label*="asyncio.sleep"]').first();
    await bar.hover();
    const tip = page.locator('#tooltip');
    await tip.waitFor({ state: 'visible' });
    const text = await tip.innerText();
    assert.match(text, /^fetch_user: task #2\ncoroutine fetch_user\(\), defined at line 13\nwaiting \(the loop is free\): waited on asyncio\.sleep\(0\.5\) at line 14/);
    await page.screenshot({ path: screenshotPath('timeline-dark-hover.png'), animations: 'disabled' });
    await bar.click();
    assert.deepEqual(host.received.at(-1), { type: 'openSource', run: 1, file: compared.runs[1]!.lanes[1]!.file, line: 14 });
  });

  it('zooms, pans and moves between tasks with the keyboard alone, and Enter opens the line', async () => {
    const host = await open(page, server.origin, compared, 'dark');
    const ticks = (): Promise<string[]> => page.locator('section.run').first().locator('.tick').allInnerTexts();
    const before = await ticks();
    await page.keyboard.press('Tab'); // the Zoom out button comes first...
    await page.locator('.seg[tabindex="0"]').first().focus(); // ...the timeline is one tab stop further
    await page.keyboard.press('+');
    await page.keyboard.press('+');
    const zoomed = await ticks();
    assert.notDeepEqual(zoomed, before, 'zooming in changes the axis');
    await page.keyboard.press('Shift+ArrowRight');
    assert.notDeepEqual(await ticks(), zoomed, 'panning moves the axis');
    await page.keyboard.press('0');
    assert.deepEqual(await ticks(), before, '0 shows the whole run again');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    const focused = await page.evaluate(() => document.activeElement?.getAttribute('aria-label'));
    assert.match(focused ?? '', /^main: waited in fetch_user on asyncio\.sleep\(0\.5\) at line 14/);
    await page.keyboard.press('Enter');
    assert.equal(host.received.at(-1)?.type, 'openSource');
    const last = host.received.at(-1) as { line: number };
    assert.equal(last.line, 14, 'the line main waits on, inside fetch_user');
  });

  it('marks a stall with its blocking line and links it to ACO301; screenshot', async () => {
    const host = await open(page, server.origin, stalled, 'dark');
    assert.ok((await page.locator('.seg.blocking').count()) >= 2);
    assert.ok((await page.locator('.seg.blocked').count()) >= 1, 'the second heartbeat was ready but blocked');
    const stall = page.locator('.stalls li').first();
    assert.match(await stall.innerText(), /The loop was blocked 0\.\d\d s by line 16 \(time\.sleep\(0\.5\)\) in heartbeat/);
    await page.screenshot({ path: screenshotPath('timeline-dark-stall.png'), fullPage: true, animations: 'disabled' });
    await stall.getByRole('button', { name: /ACO301/ }).click();
    assert.deepEqual(host.received.at(-1), { type: 'openRuleDocs' });
    await stall.getByRole('button', { name: 'Go to line 16' }).click();
    assert.equal((host.received.at(-1) as { line?: number }).line, 16);
  });

  it('shows the program output as text, never as markup', async () => {
    const hostile = { ...single, runs: [{ ...single.runs[0]!, output: '<img src=x onerror="window.__pwned=1">\n</script>' }] };
    await open(page, server.origin, hostile, 'light');
    assert.equal(await page.locator('.output pre').innerText(), '<img src=x onerror="window.__pwned=1">\n</script>');
    assert.equal(await page.locator('.output img').count(), 0);
    assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined);
  });
});
