import assert from 'node:assert/strict';
import { ALL_RULES } from '../../../src/analysis/rules';
import { builtinCards } from '../../../src/flashcards/builtinDeck';
import { studyTitle } from '../../../src/editing/studyTitle';

describe('the "Study this" quick-fix title', () => {
  it('is never cut short and never describes the card\'s own code as if it were the finding', () => {
    for (const rule of ALL_RULES) {
      const card = builtinCards().find((c) => c.id === rule.meta.cardId);
      const title = studyTitle({ code: rule.meta.code, name: rule.meta.name }, card);
      assert.doesNotMatch(title, /\.\.\.$|…$/, title);
      assert.doesNotMatch(title, /\b(These two|This loop|this semaphore|handle\(\))/i, `${rule.meta.code}: "${title}" speaks of the card's sample, not of the finding`);
    }
  });

  it('quotes a question that stands on its own, and names the rule otherwise', () => {
    const finding = { code: 'ACO101', name: 'sequential-awaits' } as const;
    assert.equal(studyTitle(finding, { front: 'What is the entry point for an asyncio program?', frontCode: undefined }), 'Study this: What is the entry point for an asyncio program?');
    assert.equal(studyTitle(finding, { front: 'These two awaits do not depend on each other. How long does this take?', frontCode: 'a = await f()' }), 'Study this: the ACO101 sequential-awaits flashcard');
    assert.equal(studyTitle(finding, { front: 'x'.repeat(71), frontCode: undefined }), 'Study this: the ACO101 sequential-awaits flashcard');
    assert.equal(studyTitle(finding, undefined), 'Study this: the ACO101 sequential-awaits docs');
  });
});
