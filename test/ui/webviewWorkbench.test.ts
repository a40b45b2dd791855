import assert from 'node:assert/strict';
import type { Browser, Frame, Page } from 'playwright-core';
import { launchBrowser, openWorkbench, runCommand, screenshotPath, workbenchUrl } from './workbench';

/** The player's page: VS Code nests it in two iframes, so look through every frame for it. */
async function playerFrame(page: Page): Promise<Frame> {
  for (let i = 0; i < 120; i++) {
    for (const frame of page.frames()) {
      if (await frame.locator('article.card, section.done').count().catch(() => 0)) return frame;
    }
    await page.waitForTimeout(250);
  }
  throw new Error('the flashcard player never appeared');
}

async function counts(frame: Frame): Promise<{ new: number; learning: number; due: number }> {
  const n = async (cls: string): Promise<number> => Number(await frame.locator(`.count.${cls} .n`).textContent());
  return { new: await n('new'), learning: await n('learning'), due: await n('review') };
}

describe('UI: the flashcard player in the workbench (code-server, .vsix installed)', function () {
  let browser: Browser;
  let page: Page;

  before(async function () {
    if (!workbenchUrl()) this.skip();
    browser = await launchBrowser();
    page = await openWorkbench(browser);
  });

  after(async () => {
    await browser?.close();
  });

  it('opens from the command palette in its own activity-bar container and answers from the keyboard', async () => {
    // The container's icon in the activity bar shows the extension's contributions are loaded.
    await page.locator('.activitybar .action-item a[aria-label^="Async Coach"]').waitFor({ timeout: 60_000 });
    await runCommand(page, 'Async Coach: Study Flashcards');
    const frame = await playerFrame(page);
    const before = await counts(frame);
    assert.ok(before.new > 0, JSON.stringify(before));
    const front = await frame.locator('.front').innerText();
    await frame.locator('article.card').focus();
    await page.keyboard.press('Space');
    await frame.locator('.answer-button').first().waitFor();
    await page.screenshot({ path: screenshotPath('flashcards-workbench-answer.png'), animations: 'disabled' });
    await page.keyboard.press('1');
    await frame.locator('.front', { hasNotText: front }).waitFor();
    const after = await counts(frame);
    assert.equal(after.new, before.new - 1);
    assert.equal(after.learning, before.learning + 1);
  });

  it('still has the answer after the window reloads (progress in globalState)', async () => {
    const frame = await playerFrame(page);
    const before = await counts(frame);
    // Developer: Reload Window, as a person would: VS Code's own shutdown, then a new window.
    const reloaded = page.waitForEvent('framenavigated', { predicate: (f) => f === page.mainFrame(), timeout: 60_000 });
    await runCommand(page, 'Developer: Reload Window');
    await reloaded;
    await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
    // The sidebar comes back on the flashcards container (VS Code restores the last one shown).
    await page.waitForSelector('.part.sidebar', { timeout: 60_000 });
    await runCommand(page, 'Async Coach: Study Flashcards');
    const frameAfter = await playerFrame(page);
    assert.deepEqual(await counts(frameAfter), before);
    await page.screenshot({ path: screenshotPath('flashcards-workbench-reloaded.png'), animations: 'disabled' });
  });
});
