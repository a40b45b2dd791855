import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Chromium flags that work on these machines: headless, no sandbox as root, no calls home. */
export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage',
];

/**
 * How long a UI check waits for the workbench to show something. A hang guard sized for a loaded
 * machine (a quiet one answers in a second or two); every page gets it as its default timeout.
 */
export const UI_WAIT_MS = 120_000;

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
}

/** Where scripts/run-ui.mjs serves the workbench; UI checks of the workbench need it. */
export function workbenchUrl(): string | undefined {
  return process.env.ASYNC_COACH_UI_URL;
}

export function screenshotPath(name: string): string {
  return path.join(process.env.ASYNC_COACH_SCREENSHOTS ?? path.resolve('test-results', 'ui'), name);
}

/** A new page whose waits and actions time out after {@link UI_WAIT_MS}. */
export async function newPage(browser: Browser, viewport: { width: number; height: number }): Promise<Page> {
  const page = await browser.newPage({ viewport });
  page.setDefaultTimeout(UI_WAIT_MS);
  page.setDefaultNavigationTimeout(UI_WAIT_MS);
  return page;
}

/** Polls `probe` every 250 ms until it returns a value, for state no locator can wait on; fails after {@link UI_WAIT_MS}. */
export async function pollFor<T>(page: Page, what: string, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + UI_WAIT_MS;
  for (;;) {
    const found = await probe();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${UI_WAIT_MS / 1000} s`);
    await page.waitForTimeout(250);
  }
}

/** Opens the workbench and waits until the explorer shows the workspace. */
export async function openWorkbench(browser: Browser): Promise<Page> {
  const url = workbenchUrl();
  if (!url) throw new Error('ASYNC_COACH_UI_URL is not set: run the UI checks with npm run test:ui');
  const page = await newPage(browser, { width: 1400, height: 900 });
  await page.goto(url);
  await page.waitForSelector('.monaco-workbench');
  await page.waitForSelector('.explorer-folders-view .monaco-list-row');
  return page;
}

/** Opens a workspace file through Quick Open, as a user would, and waits for its editor. */
export async function openFile(page: Page, name: string): Promise<void> {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(name);
  // Enter picks the first row: wait until the list is filtered to the file, not still showing recent ones.
  await page.locator('.quick-input-list .monaco-list-row').first().filter({ hasText: path.basename(name) }).waitFor();
  await page.keyboard.press('Enter');
  await page.locator(`.tab.active[aria-label*="${name}"]`).waitFor();
  await page.locator('.monaco-editor .view-lines').first().waitFor();
}

/**
 * Runs a command by its palette title. The palette lists the commands known when it opens and does
 * not update: opened right after a window (re)load, before the extension's contributions are in,
 * it never shows ours. Like a person would, close it and open it again until the command is there.
 */
export async function runCommand(page: Page, title: string): Promise<void> {
  const input = page.locator('.quick-input-widget input');
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
  await pollFor(page, `the command palette listing "${title}"`, async () => {
    await page.keyboard.press('Control+Shift+P');
    await input.waitFor({ state: 'visible' });
    await input.fill(`>${title}`);
    const listed = await row.waitFor({ timeout: 10_000 }).then(() => true, () => false);
    if (!listed) await page.keyboard.press('Escape');
    return listed ? true : undefined;
  });
  await page.keyboard.press('Enter');
}

/**
 * Registers the hooks of a describe that works in one workbench page: open the browser and the
 * workbench (and a file, if given) before its tests, close the browser after them. Skips the
 * describe when no workbench is being served. Call `page()` inside the tests.
 */
export function useWorkbench(file?: string): { page: () => Page } {
  let browser: Browser | undefined;
  let page: Page | undefined;
  before(async function () {
    if (!workbenchUrl()) this.skip();
    browser = await launchBrowser();
    page = await openWorkbench(browser);
    if (file) await openFile(page, file);
  });
  after(async () => {
    await browser?.close();
  });
  return {
    page: () => {
      if (!page) throw new Error('the workbench page is not open');
      return page;
    },
  };
}
