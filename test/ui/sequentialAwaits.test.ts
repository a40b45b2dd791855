import assert from 'node:assert/strict';
import { screenshotPath, useWorkbench } from './workbench';

describe('UI: the headline rule, ACO101, as a learner meets it in examples/sequential.py', function () {
  const workbench = useWorkbench('sequential.py');

  it('the hover over the run estimates the time won and the quick fix offers gather and TaskGroup', async () => {
    const page = workbench.page();
    // Information diagnostics are drawn as a squiggly-info decoration.
    const squiggle = page.locator('.monaco-editor .squiggly-info').first();
    await squiggle.waitFor();
    const box = await squiggle.boundingBox();
    assert.ok(box);
    await page.mouse.move(box.x + Math.min(40, box.width / 2), box.y + box.height / 2);
    const hover = page.locator('.monaco-hover', { hasText: 'ACO101 sequential-awaits' });
    await hover.first().waitFor({ state: 'visible' });
    const text = await hover.first().innerText();
    assert.match(text, /about 3 s one after another → about 1 s together/);
    await page.screenshot({ path: screenshotPath('aco101-hover.png') });
    await page.mouse.move(5, 5);
    await page.mouse.click(box.x + Math.min(40, box.width / 2), box.y + box.height / 2);
    await page.keyboard.press('Control+.');
    const menu = page.locator('.action-widget');
    await menu.waitFor({ state: 'visible' });
    const items = await menu.locator('.monaco-list-row').allInnerTexts();
    assert.ok(items.some((t) => /gather/.test(t)), items.join(' | '));
    assert.ok(items.some((t) => /TaskGroup/.test(t)), items.join(' | '));
    await page.screenshot({ path: screenshotPath('aco101-quick-fix-menu.png') });
    await page.keyboard.press('Escape');
  });
});
