import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { analyzeSource } from '../../../src/analysis/analyzer';
import { validateDeck } from '../../../src/flashcards/deck';
import { parseToExtension, parseToWebview } from '../../../src/shared/protocol';
import { repoRoot, testParser } from '../helpers';

const EXAMPLES = path.join(repoRoot(), 'media', 'timeline', 'examples');

describe('timeline examples and the flashcards that link to them', () => {
  it('every card that names a timeline example names one that ships', () => {
    const deck = JSON.parse(readFileSync(path.join(repoRoot(), 'media', 'decks', 'async-coach-core.json'), 'utf8')) as unknown;
    const result = validateDeck(deck);
    assert.ok(result.ok);
    const linked = result.deck.cards.filter((c) => c.timeline !== undefined);
    assert.ok(linked.length >= 1, 'at least one card links to a timeline');
    for (const card of linked) assert.ok(existsSync(path.join(EXAMPLES, `${card.timeline}.py`)), `${card.id}: no example ${card.timeline}`);
  });

  it('each example shows what it is about: the one-after-another one is an ACO101 run, the blocking one an ACO301 call', async () => {
    const parser = await testParser();
    const codes = (name: string): string[] => analyzeSource(parser, readFileSync(path.join(EXAMPLES, name), 'utf8')).findings.map((f) => f.code);
    assert.deepEqual(readdirSync(EXAMPLES).sort(), ['blocking_sleep.py', 'one_after_another.py']);
    assert.deepEqual(codes('one_after_another.py'), ['ACO101']);
    assert.deepEqual(codes('blocking_sleep.py'), ['ACO301']);
  });

  it('a deck may name an example, never a path', () => {
    const deck = (timeline: unknown): unknown => ({ formatVersion: 1, id: 'd', name: 'D', cards: [{ id: 'c', front: 'f', back: 'b', difficulty: 'easy', timeline }] });
    const ok = validateDeck(deck('one_after_another'));
    assert.ok(ok.ok);
    assert.equal(ok.deck.cards[0]?.timeline, 'one_after_another');
    for (const bad of ['../../secret', '/tmp/x.py', 'x.py', 'Upper', 42]) {
      assert.deepEqual(validateDeck(deck(bad)), { ok: false, errors: [{ path: 'cards[0].timeline', message: 'must be the name of a built-in example program, like "one_after_another"' }] }, String(bad));
    }
  });

  it('the player asks for a card\'s timeline by the card\'s key, and card views carry the example name', () => {
    assert.deepEqual(parseToExtension({ type: 'showTimeline', key: 'd/c' }), { type: 'showTimeline', key: 'd/c' });
    assert.equal(parseToExtension({ type: 'showTimeline', key: '' }), undefined);
    const card = { key: 'd/c', deckName: 'D', front: 'f', back: 'b', difficulty: 'easy', tags: [], rules: [], snippets: [], canOpenSource: false, kind: 'new', timeline: 'one_after_another' };
    const state = { counts: { new: 1, learning: 0, review: 0 }, card, intervals: null, canUndo: false, session: { answers: [0, 0, 0, 0], startedAt: 0 }, filter: { tags: [], difficulties: [] }, available: { tags: [], difficulties: [], moreTags: 0 }, deckProblems: [], problemCount: 0, totalCards: 1 };
    assert.equal(parseToWebview({ type: 'state', state })?.type, 'state');
    assert.equal(parseToWebview({ type: 'state', state: { ...state, card: { ...card, timeline: 7 } } }), undefined);
  });
});
