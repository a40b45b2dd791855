import assert from 'node:assert/strict';
import { buildLibrary, isOpenableUrl, withTimestamp } from '../../../src/flashcards/library';
import { card } from './fixtures';

describe('deck library', () => {
  it('keys cards by deck, and skips a later deck that reuses an id, with a problem', () => {
    const lib = buildLibrary([
      { source: 'built-in deck', result: { ok: true, deck: { id: 'core', name: 'Core', cards: [card('a')] } } },
      { source: '.async-coach/decks/copy.json', result: { ok: true, deck: { id: 'core', name: 'Copy', cards: [card('b')] } } },
      { source: '.async-coach/decks/bad.json', result: { ok: false, errors: [{ path: 'cards[0].front', message: 'must be a non-empty string' }] } },
    ]);
    assert.deepEqual(lib.cards.map((c) => c.key), ['core/a']);
    assert.deepEqual(lib.problems.map((p) => [p.source, p.path]), [['.async-coach/decks/copy.json', 'id'], ['.async-coach/decks/bad.json', 'cards[0].front']]);
  });

  it('links a card to its video moment when the deck or card has a video URL', () => {
    const lib = buildLibrary([{ source: 's', result: { ok: true, deck: { id: 'v', name: 'V', video: { url: 'https://www.youtube.com/watch?v=abc' }, cards: [card('a', { source: { timestamp: '01:52' } }), card('b')] } } }]);
    assert.equal(lib.sourceUrls.get('v/a'), 'https://www.youtube.com/watch?v=abc&t=112s');
    assert.equal(lib.sourceUrls.get('v/b'), 'https://www.youtube.com/watch?v=abc');
    assert.equal(withTimestamp('https://example.org/talk.mp4', '1:02:03'), 'https://example.org/talk.mp4#t=3723');
  });

  it('opens only http(s) links', () => {
    assert.equal(isOpenableUrl('https://example.org'), true);
    for (const url of ['command:workbench.action.terminal.new', 'file:///etc/passwd', 'javascript:alert(1)', 'vscode://x', 'nonsense']) assert.equal(isOpenableUrl(url), false, url);
  });
});
