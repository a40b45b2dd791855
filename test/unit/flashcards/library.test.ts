import assert from 'node:assert/strict';
import { buildLibrary, isOpenableUrl, parseDeckBytes, withTimestamp } from '../../../src/flashcards/library';
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

  it('reads a deck file\'s bytes, and never repeats the content of a file that is not one (issue 17)', () => {
    const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);
    const messages = (text: string | Uint8Array): string[] => {
      const result = parseDeckBytes(typeof text === 'string' ? bytes(text) : text);
      return result.ok ? [] : result.errors.map((e) => e.message);
    };
    const passwd = 'root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n';
    assert.deepEqual(messages(passwd), ['is not valid JSON']);
    assert.deepEqual(messages('{\n  "cards": [\n    1 2\n  ]\n}'), ['is not valid JSON (line 3, column 7)']);
    assert.deepEqual(messages(new Uint8Array([0xff, 0xfe, 0x00])), ['is not UTF-8 text']);
    assert.deepEqual(messages('{"password": "hunter2"}').map((m) => m.includes('hunter2') || m.includes('password')), [false]);
    const good = parseDeckBytes(bytes('\uFEFF' + JSON.stringify({ formatVersion: 1, id: 'd', name: 'D', cards: [{ id: 'a', front: 'Q', back: 'A', difficulty: 'easy' }] })));
    assert.ok(good.ok);
  });
});
