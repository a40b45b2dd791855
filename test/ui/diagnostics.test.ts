import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { screenshotPath, useWorkbench } from './workbench';

/**
 * Moves the mouse to (or clicks) the middle of the first error squiggle. The squiggle is drawn in a
 * layer under the text, so we point at its coordinates the way a person does, not at the element.
 */
async function pointAtSquiggle(page: Page, action: 'move' | 'click'): Promise<void> {
  const box = await page.locator('.monaco-editor .squiggly-error').first().boundingBox();
  assert.ok(box, 'the squiggle has a position on screen');
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 2;
  if (action === 'click') await page.mouse.click(x, y);
  else await page.mouse.move(x, y);
}

describe('UI: a person sees the ACO302 diagnostic in code-server with the .vsix installed', function () {
  const workbench = useWorkbench('nested_run.py');
  let page: Page;
  beforeEach(() => {
    page = workbench.page();
  });

  it('draws an error squiggle under asyncio.run() in the coroutine', async () => {
    const squiggle = page.locator('.monaco-editor .squiggly-error');
    await squiggle.first().waitFor();
    assert.ok((await squiggle.count()) >= 1);
    await page.screenshot({ path: screenshotPath('squiggle.png') });
  });

  it('lists the finding in the Problems panel with its code and message', async () => {
    await page.keyboard.press('Control+Shift+M');
    const row = page.locator('.markers-panel .monaco-list-row', { hasText: 'ACO302' });
    await row.first().waitFor();
    const text = await row.first().innerText();
    assert.match(text, /asyncio\.run\(\) inside `load_profile` raises RuntimeError/);
    await page.screenshot({ path: screenshotPath('problems-panel.png') });
    await page.keyboard.press('Control+Shift+M'); // close the panel again
  });

  it('shows the explanation in a hover over the squiggle', async () => {
    await pointAtSquiggle(page, 'move');
    const hover = page.locator('.monaco-hover', { hasText: 'ACO302 nested-asyncio-run' });
    await hover.first().waitFor({ state: 'visible' });
    const text = await hover.first().innerText();
    assert.match(text, /At run time:/);
    assert.match(text, /Rule documentation/);
    await page.screenshot({ path: screenshotPath('hover.png') });
    await page.mouse.move(5, 5);
  });

  it('opens the quick-fix menu with Ctrl+. and applies the fix with Enter', async () => {
    // Put the cursor inside the flagged call, as a user clicking on it would.
    await pointAtSquiggle(page, 'click');
    await page.keyboard.press('Control+.');
    const menu = page.locator('.action-widget');
    await menu.waitFor({ state: 'visible' });
    const items = await menu.locator('.monaco-list-row').allInnerTexts();
    assert.ok(items.some((t) => t.includes('Replace with `await fetch_user(user_id)`')), `menu: ${items.join(' | ')}`);
    assert.ok(items.some((t) => t.includes('Disable ACO302 for this line')), `menu: ${items.join(' | ')}`);
    await page.screenshot({ path: screenshotPath('quick-fix-menu.png') });
    await page.keyboard.press('Enter');
    await page.locator('.monaco-editor .view-lines', { hasText: 'user = await fetch_user(user_id)' }).waitFor();
    await page.locator('.monaco-editor .squiggly-error').waitFor({ state: 'detached' });
    await page.screenshot({ path: screenshotPath('quick-fix-applied.png') });
  });
});
