import assert from 'node:assert/strict';
import { DECK_LIMITS } from '../../../src/flashcards/deck';
import { inspectToWebview, parseToExtension, parseToWebview, PROTOCOL_LIMITS, type ViewState } from '../../../src/shared/protocol';

const state: ViewState = {
  counts: { new: 1, learning: 0, review: 0 },
  card: { key: 'd/a', deckName: 'D', front: 'Q', back: 'A', difficulty: 'easy', tags: [], rules: [], snippets: [], canOpenSource: false, kind: 'new' },
  intervals: ['1m', '6m', '10m', '8d'],
  canUndo: false,
  session: { answers: [0, 0, 0, 0], startedAt: 1 },
  filter: { tags: [], difficulties: [] },
  available: { tags: [], difficulties: ['easy'], moreTags: 0 },
  deckProblems: [],
  problemCount: 0,
  totalCards: 1,
};

describe('webview message protocol', () => {
  it('accepts each well-formed message from the webview', () => {
    for (const m of [
      { type: 'ready' },
      { type: 'undo' },
      { type: 'requestStats' },
      { type: 'rate', key: 'd/a', rating: 4 },
      { type: 'openSource', key: 'd/a' },
      { type: 'setFilter', filter: { tags: ['x'], difficulties: ['hard'] } },
      { type: 'action', action: 'exportAnki' },
      { type: 'viewError', message: 'state message: available.tags has 1200 entries (at most 500)' },
    ]) assert.deepEqual(parseToExtension(m), m);
  });

  it('rejects malformed or unexpected messages from the webview', () => {
    for (const m of [
      null,
      'ready',
      { type: 'rate', key: 'd/a', rating: 5 },
      { type: 'rate', key: 'd/a', rating: '3' },
      { type: 'rate', rating: 3 },
      { type: 'setFilter', filter: { tags: [], difficulties: ['brutal'] } },
      { type: 'action', action: 'runShell' },
      { type: 'openUrl', url: 'command:workbench.action.terminal.new' },
    ]) assert.equal(parseToExtension(m), undefined, JSON.stringify(m));
  });

  it('drops extra fields, so nothing unchecked passes through', () => {
    assert.deepEqual(parseToExtension({ type: 'undo', html: '<img>' }), { type: 'undo' });
  });

  it('accepts a well-formed state for the webview and rejects a damaged one', () => {
    assert.deepEqual(parseToWebview({ type: 'state', state }), { type: 'state', state });
    assert.equal(parseToWebview({ type: 'state', state: { ...state, card: { ...state.card, kind: 'bogus' } } }), undefined);
    assert.equal(parseToWebview({ type: 'state', state: { ...state, intervals: ['1m'] } }), undefined);
    assert.equal(parseToWebview({ type: 'state', state: { ...state, counts: { new: -1, learning: 0, review: 0 } } }), undefined);
    assert.equal(parseToWebview({ type: 'state', state: { ...state, card: { ...state.card, front: 'x'.repeat(20_000) } } }), undefined);
    assert.equal(parseToWebview({ type: 'stats', stats: { forecast: [], reviewsToday: 0, streakDays: 0, retention: { percent: 101, reviews: 1 }, totals: state.counts } }), undefined);
  });

  it('agrees with the deck format: everything a valid deck holds fits in a message (issue 17)', () => {
    assert.ok(DECK_LIMITS.tags <= PROTOCOL_LIMITS.cardList);
    assert.ok(DECK_LIMITS.links <= PROTOCOL_LIMITS.cardList);
    assert.ok(Math.max(DECK_LIMITS.text, DECK_LIMITS.code, DECK_LIMITS.name) <= PROTOCOL_LIMITS.text);
    assert.ok(80 + 1 + 80 <= PROTOCOL_LIMITS.key, 'a card key is deck id / card id, 80 characters each');
    const card = { ...state.card!, front: 'x'.repeat(DECK_LIMITS.text), code: 'y'.repeat(DECK_LIMITS.code), tags: Array.from({ length: DECK_LIMITS.tags }, (_, i) => `t${i}`) };
    assert.ok(parseToWebview({ type: 'state', state: { ...state, card } }));
  });

  it('says which field of a message is wrong instead of just dropping it', () => {
    const tags = Array.from({ length: 1_200 }, (_, i) => `t${i}`);
    assert.deepEqual(inspectToWebview({ type: 'state', state: { ...state, available: { ...state.available, tags } } }), {
      ok: false,
      problem: `state message: available.tags has 1200 entries (at most ${PROTOCOL_LIMITS.tags})`,
      ours: true,
    });
    assert.deepEqual(inspectToWebview({ type: 'state', state: { ...state, problemCount: -1 } }), { ok: false, problem: 'state message: problemCount is missing or malformed', ours: true });
    assert.equal(inspectToWebview({ type: 'webviewReady' }).ok, false);
    assert.equal((inspectToWebview({ type: 'webviewReady' }) as { ours: boolean }).ours, false, 'a message of someone else\'s is not reported');
  });
});
