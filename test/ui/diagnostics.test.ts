import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openFile, openWorkbench, screenshotPath, workbenchUrl } from './workbench';

describe('UI: a person sees the ACO302 diagnostic in code-server with the .vsix installed', function () {
  let browser: Browser;
  let page: Page;

  before(async function () {
    if (!workbenchUrl()) this.skip();
    browser = await launchBrowser();
    page = await openWorkbench(browser);
    await openFile(page, 'nested_run.py');
  });

  after(async () => {
    await browser?.close();
  });

  it('draws an error squiggle under asyncio.run() in the coroutine', async () => {
    const squiggle = page.locator('.monaco-editor .squiggly-error');
    await squiggle.first().waitFor({ timeout: 30_000 });
    assert.ok((await squiggle.count()) >= 1);
    await page.screenshot({ path: screenshotPath('squiggle.png') });
  });

  it('lists the finding in the Problems panel with its code and message', async () => {
    await page.keyboard.press('Control+Shift+M');
    const row = page.locator('.markers-panel .monaco-list-row', { hasText: 'ACO302' });
    await row.first().waitFor({ timeout: 30_000 });
    const text = await row.first().innerText();
    assert.match(text, /asyncio\.run\(\) inside `load_profile` raises RuntimeError/);
    await page.screenshot({ path: screenshotPath('problems-panel.png') });
  });
});
