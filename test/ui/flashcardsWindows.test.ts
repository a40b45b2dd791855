import assert from 'node:assert/strict';
import type { Browser, Frame, Page } from 'playwright-core';
import { counts, playerFrame } from './player';
import { launchBrowser, openWorkbench, runCommand, screenshotPath, workbenchUrl } from './workbench';

async function openPlayer(page: Page): Promise<Frame> {
  await page.locator('.activitybar .action-item a[aria-label^="Async Coach"]').waitFor({ timeout: 60_000 });
  await runCommand(page, 'Async Coach: Study Flashcards');
  return playerFrame(page);
}

/**
 * Issue 15: progress studied in one browser window was gone in a fresh window on the same
 * code-server. Each window here is its own browser context (its own storage), as a second
 * browser, a private window or another computer would be: VS Code keeps `globalState` in the
 * browser's storage, so only what the server keeps can reach the second window.
 */
describe('UI: flashcard progress across two windows of one code-server', function () {
  let browser: Browser | undefined;

  before(async function () {
    if (!workbenchUrl()) this.skip();
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  /** `openWorkbench` opens each page in a new browser context: its own, empty storage. */
  async function newWindow(): Promise<Page> {
    if (!browser) throw new Error('no browser');
    return openWorkbench(browser);
  }

  it('shows in a second, fresh window the answers given in the first', async function () {
    this.timeout(240_000);
    const first = await newWindow();
    const frame = await openPlayer(first);
    const before = await counts(frame);
    assert.ok(before.new > 0, JSON.stringify(before));
    const front = await frame.locator('.front').innerText();
    await frame.locator('article.card').focus();
    await first.keyboard.press('Space');
    await frame.locator('.answer-button').first().waitFor();
    await first.keyboard.press('1');
    await frame.locator('.front', { hasNotText: front }).waitFor();
    const studied = await counts(frame);
    assert.deepEqual(studied, { ...before, new: before.new - 1, learning: before.learning + 1 });

    const second = await newWindow();
    const secondFrame = await openPlayer(second);
    // The second window's storage was empty; the counts come from the server's copy.
    await secondFrame.locator('.count.learning .n', { hasText: String(studied.learning) }).waitFor({ timeout: 30_000 }).catch(() => undefined);
    await second.screenshot({ path: screenshotPath('flashcards-second-window.png'), animations: 'disabled' });
    assert.deepEqual(await counts(secondFrame), studied, 'the second window shows the first window\'s progress');

    // Undo in the first window: the server's copy is back as it was for the checks that follow.
    await frame.locator('article.card').focus();
    await first.keyboard.press('u');
    await frame.locator('.front', { hasText: front }).waitFor();
    assert.deepEqual(await counts(frame), before);
  });
});
