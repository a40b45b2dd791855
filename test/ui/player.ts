import type { Frame, Page } from 'playwright-core';

/** The player's page: VS Code nests it in two iframes, so look through every frame for it. */
export async function playerFrame(page: Page): Promise<Frame> {
  for (let i = 0; i < 240; i++) {
    for (const frame of page.frames()) {
      if (await frame.locator('article.card, section.done').count().catch(() => 0)) return frame;
    }
    await page.waitForTimeout(250);
  }
  throw new Error('the flashcard player never appeared');
}

export interface Counts {
  new: number;
  learning: number;
  due: number;
}

/** The New / Learning / Due counts the player shows. */
export async function counts(frame: Frame): Promise<Counts> {
  const n = async (cls: string): Promise<number> => Number(await frame.locator(`.count.${cls} .n`).textContent());
  return { new: await n('new'), learning: await n('learning'), due: await n('review') };
}
