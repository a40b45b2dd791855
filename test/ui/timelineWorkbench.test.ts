import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { runCommand, screenshotPath, useWorkbench } from './workbench';

/** The timeline page: VS Code nests a webview in two iframes, so look through every frame. */
async function timelineFrame(page: Page, selector: string): Promise<Frame> {
  // Each run starts python3 on a possibly loaded machine: wait generously.
  for (let i = 0; i < 480; i++) {
    for (const frame of page.frames()) {
      if (await frame.locator(selector).count().catch(() => 0)) return frame;
    }
    await page.waitForTimeout(250);
  }
  throw new Error(`the timeline never showed ${selector}`);
}

/** Ctrl+G to the line of examples/sequential.py holding `text` (first match), at `column`. */
async function goToLine(page: Page, text: string, column = 5): Promise<void> {
  const line = readFileSync(path.join(__dirname, '..', '..', '..', 'examples', 'sequential.py'), 'utf8').split('\n').findIndex((l) => l.includes(text)) + 1;
  assert.ok(line > 0, text);
  await page.keyboard.press('Control+G');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`:${line}:${column}`);
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
}

describe('UI: a learner sees examples/sequential.py run, then compares it with the fix (code-server, .vsix installed)', function () {
  this.timeout(300_000);
  const workbench = useWorkbench('sequential.py');

  it('the CodeLens above asyncio.run(...) opens the timeline beside the code', async () => {
    const page = workbench.page();
    // asyncio.run(main()) is near the end of the file: go there, as a learner would scroll.
    await goToLine(page, 'asyncio.run(main())');
    const lens = page.locator('.monaco-editor .codelens-decoration a', { hasText: 'Run and show timeline' });
    await lens.first().waitFor({ timeout: 60_000 });
    await lens.first().click();
    const frame = await timelineFrame(page, '.grid');
    assert.match(await frame.locator('h1').innerText(), /Timeline of sequential\.py/);
    assert.deepEqual(await frame.locator('.lane[data-lane] .coroutine').allInnerTexts(), ['main']);
    assert.match(await frame.locator('.output pre').innerText(), /dashboard took \d\.\d s/);
    await page.screenshot({ path: screenshotPath('workbench-timeline-sequential.png'), animations: 'disabled' });
  });

  it('"Compare with the fix" on the ACO101 squiggle shows both runs one above the other with their totals', async () => {
    const page = workbench.page();
    // Back to the code, on the run of three awaits, and the quick-fix menu from the keyboard.
    await page.locator('.tab', { hasText: 'sequential.py' }).first().click();
    await goToLine(page, 'user = await fetch_user(user_id)', 13);
    await page.locator('.monaco-editor .squiggly-info').first().waitFor({ timeout: 30_000 });
    await page.keyboard.press('Control+.');
    const rows = page.locator('.action-widget .monaco-list-row');
    await rows.filter({ hasText: 'Compare with the fix' }).first().waitFor({ state: 'visible', timeout: 30_000 });
    // Choose it with the keyboard, as the menu is meant to be used: down until it is the focused row.
    const focusedRow = page.locator('.action-widget .monaco-list-row.focused');
    for (let i = 0; i < 30 && !(await focusedRow.innerText().catch(() => '')).includes('Compare with the fix'); i++) await page.keyboard.press('ArrowDown');
    assert.match(await focusedRow.innerText(), /Compare with the fix/);
    await page.keyboard.press('Enter');
    const frame = await timelineFrame(page, '#comparison');
    assert.match(await frame.locator('#comparison').innerText(), /^\d\.\d s → 0\.\d\d s$/);
    const headings = await frame.locator('section.run h2').allInnerTexts();
    assert.equal(headings.length, 2);
    assert.match(headings[0] ?? '', /^As it is \d\.\d s/);
    assert.match(headings[1] ?? '', /^With the fix 0\.\d\d s/);
    // The workbench starts light; VS Code's own toggle shows the same view dark, and back. (The page
    // in all three themes, high contrast included, is checked in timelineWebview.test.ts.)
    await page.screenshot({ path: screenshotPath('workbench-timeline-compare-light.png'), animations: 'disabled' });
    const before = await page.locator('.monaco-workbench').getAttribute('class');
    await runCommand(page, 'Toggle between Light/Dark Themes');
    await page.waitForFunction((cls) => document.querySelector('.monaco-workbench')?.getAttribute('class') !== cls, before);
    await frame.locator('#comparison').waitFor();
    await page.screenshot({ path: screenshotPath('workbench-timeline-compare-dark.png'), animations: 'disabled' });
    await runCommand(page, 'Toggle between Light/Dark Themes');
  });
});
