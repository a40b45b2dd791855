import assert from 'node:assert/strict';
import { keyAction } from '../../../src/webview/keys';

const question = { hasCard: true, revealed: false, canUndo: false };
const answer = { hasCard: true, revealed: true, canUndo: true };

describe('player keys (Anki\'s)', () => {
  it('Space and Enter show the answer, then mean Good', () => {
    assert.deepEqual(keyAction(' ', question), { kind: 'reveal' });
    assert.deepEqual(keyAction('Enter', question), { kind: 'reveal' });
    assert.deepEqual(keyAction(' ', answer), { kind: 'rate', rating: 3 });
    assert.deepEqual(keyAction('Enter', answer), { kind: 'rate', rating: 3 });
  });

  it('1-4 answer only once the answer shows', () => {
    for (const k of ['1', '2', '3', '4']) {
      assert.equal(keyAction(k, question), undefined);
      assert.deepEqual(keyAction(k, answer), { kind: 'rate', rating: Number(k) });
    }
    assert.equal(keyAction('5', answer), undefined);
  });

  it('U undoes when there is something to undo, with or without a card', () => {
    assert.deepEqual(keyAction('u', answer), { kind: 'undo' });
    assert.deepEqual(keyAction('U', { hasCard: false, revealed: false, canUndo: true }), { kind: 'undo' });
    assert.equal(keyAction('u', question), undefined);
    assert.equal(keyAction(' ', { hasCard: false, revealed: false, canUndo: true }), undefined);
  });
});
