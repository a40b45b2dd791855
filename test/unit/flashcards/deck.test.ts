import assert from 'node:assert/strict';
import { MAX_ISSUES_PER_FILE, validateDeck, type DeckResult } from '../../../src/flashcards/deck';

const base = (cards: unknown[], extra: Record<string, unknown> = {}): Record<string, unknown> => ({ formatVersion: 1, id: 'mine', name: 'Mine', cards, ...extra });
const good = { id: 'a', front: 'Q?', back: 'A.', difficulty: 'easy' };

function errorsOf(result: DeckResult): string[] {
  assert.equal(result.ok, false, 'expected the deck to be rejected');
  return result.ok ? [] : result.errors.map((e) => `${e.path}: ${e.message}`);
}

describe('deck validation', () => {
  it('accepts a minimal deck and fills in empty tag and link lists', () => {
    const result = validateDeck(base([good]));
    assert.ok(result.ok);
    assert.deepEqual(result.deck.cards[0], { ...good, tags: [], rules: [], snippets: [] });
  });

  it('rejects non-objects, a wrong format version and an empty card list, with paths', () => {
    assert.match(errorsOf(validateDeck([]))[0] ?? '', /JSON object/);
    assert.match(errorsOf(validateDeck('deck'))[0] ?? '', /JSON object/);
    assert.ok(errorsOf(validateDeck(base([good], { formatVersion: 2 }))).some((e) => e.startsWith('formatVersion:')));
    assert.ok(errorsOf(validateDeck(base([]))).some((e) => e.startsWith('cards:')));
  });

  it('reports every bad field of every card, not just the first', () => {
    const errors = errorsOf(validateDeck(base([{ id: 'has space', front: '', back: 3, difficulty: 'brutal', tags: 'x' }, { ...good, id: 'b', bakc: 'typo' }])));
    for (const path of ['cards[0].id', 'cards[0].front', 'cards[0].back', 'cards[0].difficulty', 'cards[0].tags', 'cards[1].bakc']) {
      assert.ok(errors.some((e) => e.startsWith(`${path}:`)), `expected an error at ${path} in ${JSON.stringify(errors)}`);
    }
  });

  it('rejects duplicate card ids and names the first use', () => {
    const errors = errorsOf(validateDeck(base([good, { ...good, front: 'Other?' }])));
    assert.deepEqual(errors, ['cards[1].id: duplicate id "a" (already used by cards[0])']);
  });

  it('keeps hostile-looking text exactly as written: it is data, rendered as text', () => {
    const hostile = '<img src=x onerror="alert(1)"></script><script>alert(2)</script>';
    const result = validateDeck(base([{ ...good, front: hostile, back: '</script>', code: '"; alert(3); //' }]));
    assert.ok(result.ok);
    assert.equal(result.deck.cards[0]?.front, hostile);
    assert.equal(result.deck.cards[0]?.back, '</script>');
  });

  it('rejects control characters and bidirectional overrides (Trojan Source)', () => {
    assert.ok(errorsOf(validateDeck(base([{ ...good, front: 'evil\u202Etxt' }]))).some((e) => e.startsWith('cards[0].front:')));
    assert.ok(errorsOf(validateDeck(base([{ ...good, back: 'nul\u0000' }]))).some((e) => e.startsWith('cards[0].back:')));
    assert.ok(validateDeck(base([{ ...good, back: 'tab\tand\nnewline' }])).ok);
  });

  it('only accepts http(s) links, so a deck cannot open command: or file: URIs', () => {
    for (const url of ['javascript:alert(1)', 'command:workbench.action.terminal.new', 'file:///etc/passwd', 'not a url']) {
      assert.ok(errorsOf(validateDeck(base([{ ...good, source: { url } }]))).some((e) => e.startsWith('cards[0].source.url:')), url);
      assert.ok(errorsOf(validateDeck(base([good], { video: { url } }))).some((e) => e.startsWith('video.url:')), url);
    }
    assert.ok(validateDeck(base([{ ...good, source: { url: 'https://example.org/v', timestamp: '1:02:03' } }])).ok);
  });

  it('checks timestamps, rule codes and snippet prefixes, and unknown rules when told the known ones', () => {
    assert.ok(errorsOf(validateDeck(base([{ ...good, source: { timestamp: '99:99' } }]))).some((e) => e.includes('timestamp')));
    assert.ok(errorsOf(validateDeck(base([{ ...good, rules: ['aco101'] }]))).some((e) => e.startsWith('cards[0].rules[0]:')));
    assert.ok(errorsOf(validateDeck(base([{ ...good, snippets: ['Aio Gather'] }]))).some((e) => e.startsWith('cards[0].snippets[0]:')));
    const known = new Set(['ACO101']);
    assert.ok(validateDeck(base([{ ...good, rules: ['ACO101'] }]), { knownRules: known }).ok);
    assert.deepEqual(errorsOf(validateDeck(base([{ ...good, rules: ['ACO999'] }]), { knownRules: known })), ['cards[0].rules[0]: unknown rule code "ACO999"']);
  });

  it('limits sizes so a huge file cannot freeze the view', () => {
    assert.ok(errorsOf(validateDeck(base([{ ...good, back: 'x'.repeat(2001) }]))).some((e) => e.includes('at most 2000')));
  });

  it('keeps the problems of a hostile card to a bounded list (600,000 bad tags, issue 17)', () => {
    const tags = Array.from({ length: 600_000 }, () => '');
    const errors = errorsOf(validateDeck(base([{ ...good, tags }, { ...good, id: 'b', tags: tags.slice(0, 15) }])));
    assert.ok(errors.length <= MAX_ISSUES_PER_FILE + 1, `${errors.length} problems`);
    assert.ok(errors.some((e) => e.startsWith('cards[0].tags: has 600000 entries')), errors.slice(0, 3).join('\n'));
    assert.ok(errors.some((e) => e.startsWith('cards[1].tags[14]:')), 'a smaller bad list still names each entry');
  });

  it('counts the problems past the first hundred in one closing line', () => {
    const cards = Array.from({ length: 300 }, (_, i) => ({ ...good, id: `c${i}`, front: '' }));
    const errors = errorsOf(validateDeck(base(cards)));
    assert.equal(errors.length, MAX_ISSUES_PER_FILE + 1);
    assert.equal(errors.at(-1), `: and 200 more problems (only the first ${MAX_ISSUES_PER_FILE} are listed)`);
  });

  it('says a JSON file that is not a deck at all is not one, without repeating its content', () => {
    for (const raw of [{ name: 'my-package', scripts: { secret: 'token-123' } }, ['root:x:0:0'], 'root:x:0:0', 42]) {
      const errors = errorsOf(validateDeck(raw));
      assert.equal(errors.length, 1, JSON.stringify(errors));
      assert.match(errors[0] ?? '', /is not an Async Coach deck/);
      assert.doesNotMatch(errors.join(' '), /token-123|root:x|my-package|scripts/);
    }
  });

  it('names a mistyped field, but not a key that is data', () => {
    const errors = errorsOf(validateDeck(base([{ ...good, 'root:x:0:0:/root:/bin/bash': 1, bakc: 'x' }])));
    assert.ok(errors.includes('cards[0].bakc: unknown field (expected one of id, front, back, frontCode, code, difficulty, tags, source, rules, snippets)'), errors.join('\n'));
    assert.ok(errors.some((e) => e.startsWith('cards[0].(unnamed): unknown field')), errors.join('\n'));
    assert.doesNotMatch(errors.join(' '), /root:x/);
  });

  it('accepts tags in any script (Anki decks use them), never controls or bidi marks', () => {
    assert.ok(validateDeck(base([{ ...good, tags: ['café', '日本語', 'Ölçü::başlık', 'c++'] }])).ok);
    for (const tag of ['a b', 'evil\u202Etag', 'tab\t', '-leading', 'x'.repeat(41)]) assert.equal(validateDeck(base([{ ...good, tags: [tag] }])).ok, false, JSON.stringify(tag));
  });
});
