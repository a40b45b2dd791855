import assert from 'node:assert/strict';
import { exportAnkiTsv, importAnkiTsv, parseRecords } from '../../../src/flashcards/anki';
import { builtinDeck } from '../../../src/flashcards/builtinDeck';
import type { Deck } from '../../../src/flashcards/deck';
import { card } from './fixtures';

function only(decks: readonly Deck[]): Deck {
  assert.equal(decks.length, 1, `${decks.length} decks`);
  return decks[0]!;
}

const tricky: Deck = {
  id: 'tricky',
  name: 'Tricky\tdeck',
  cards: [
    card('quote', { front: 'What does "await" do?', back: 'It\tpauses.', difficulty: 'hard', tags: ['await'], rules: ['ACO201'], snippets: ['aio-run'] }),
    card('multi', { front: '#not a comment', back: 'line one\nline two', code: 'async def f():\n    return 1', source: { timestamp: '01:21' } }),
    card('html', { front: '<img src=x onerror=alert(1)>', back: '</script>' }),
  ],
};

describe('Anki TSV export and import', () => {
  it('writes the headers Anki reads, one record per card', () => {
    const text = exportAnkiTsv(tricky);
    const lines = text.split('\n');
    assert.deepEqual(lines.slice(0, 8), [
      '#separator:Tab',
      '#html:false',
      '#notetype:Basic',
      '#deck:Async Coach::Tricky deck',
      '#tags:async-coach',
      '#columns:GUID\tFront\tBack\tTags',
      '#guid column:1',
      '#tags column:4',
    ]);
    const records = parseRecords(text, '\t').map((r) => r.fields);
    assert.equal(records.length, tricky.cards.length);
    assert.ok(records.every((r) => r.length === 4));
    assert.equal(records[0]?.[1], 'What does "await" do?');
    assert.equal(records[0]?.[2], 'It\tpauses.');
    assert.equal(records[0]?.[3], 'await difficulty::hard rule::ACO201 snippet::aio-run');
    assert.equal(records[1]?.[2], 'line one\nline two\n\nasync def f():\n    return 1\n\n(video 01:21)');
  });

  it('round-trips ids, text, difficulty, tags, rules and snippets', () => {
    const result = importAnkiTsv(exportAnkiTsv(tricky), 'fallback');
    assert.ok(result.ok, JSON.stringify(result));
    assert.deepEqual(result.problems, []);
    const deck = only(result.decks);
    assert.equal(deck.name, 'Tricky deck');
    assert.deepEqual(
      deck.cards.map((c) => [c.id, c.front, c.difficulty, c.tags, c.rules, c.snippets]),
      tricky.cards.map((c) => [c.id, c.front, c.difficulty, c.tags, c.rules, c.snippets]),
    );
    assert.equal(deck.cards[2]?.front, '<img src=x onerror=alert(1)>', 'kept as text');
    assert.equal(deck.cards[0]?.back, 'It\tpauses.');
  });

  it('exports and re-imports the whole built-in deck', () => {
    const deck = builtinDeck();
    assert.ok(deck.ok);
    const result = importAnkiTsv(exportAnkiTsv(deck.deck), 'x');
    assert.ok(result.ok, JSON.stringify(result));
    assert.deepEqual(only(result.decks).cards.map((c) => c.id), deck.deck.cards.map((c) => c.id));
  });

  it('imports a plain Anki export: HTML fields, shared tags, no GUIDs', () => {
    const text = ['#separator:tab', '#html:true', '#tags:python', '#tags column:3', 'What is <b>gather</b>?\tRuns them<br>concurrently &amp; in order\tasyncio difficulty::easy', 'Empty back\t\t', ''].join('\n');
    const result = importAnkiTsv(text, 'My export');
    assert.ok(result.ok, JSON.stringify(result));
    assert.deepEqual(result.problems, [{ line: 6, message: 'no front and back: left out' }]);
    const deck = only(result.decks);
    assert.equal(deck.name, 'My export');
    assert.equal(deck.id, 'imported-my-export');
    const [c] = deck.cards;
    assert.equal(c?.front, 'What is gather?');
    assert.equal(c?.back, 'Runs them\nconcurrently & in order');
    assert.deepEqual(c?.tags, ['python', 'asyncio']);
    assert.equal(c?.difficulty, 'easy');
    assert.match(c?.id ?? '', /^anki-[0-9a-f]{8}$/);
  });

  it('gives ids that are stable across imports and unique within a deck', () => {
    const text = 'Same?\tOne\nSame?\tTwo\n';
    const a = importAnkiTsv(text, 'd');
    const b = importAnkiTsv(text, 'd');
    assert.ok(a.ok && b.ok);
    assert.deepEqual(only(a.decks).cards.map((c) => c.id), only(b.decks).cards.map((c) => c.id));
    assert.equal(new Set(only(a.decks).cards.map((c) => c.id)).size, 2);
  });

  it('reports a file with no cards, and an unknown separator, as errors', () => {
    const empty = importAnkiTsv('#separator:Tab\n\n', 'd');
    assert.equal(empty.ok, false);
    const weird = importAnkiTsv('#separator:Banana\na\tb\n', 'd');
    assert.ok(!weird.ok && weird.errors[0]?.message.includes('separator'));
  });

  it('imports the good cards of a file and reports the rest line by line (issue 17)', () => {
    const text = [
      '#separator:tab',
      '#html:false',
      '#tags column:3',
      'Q1?\tA1\tcafé 日本語',
      `Q2?\t${'x'.repeat(2_500)}\tlong`,
      'Q3?\tA3\tgood bad/tag ok',
      '"Multi',
      'line?"\tA4\t',
      'only a front',
      'Q5?\tA5\t',
      '',
    ].join('\n');
    const result = importAnkiTsv(text, 'mixed');
    assert.ok(result.ok, JSON.stringify(result));
    const deck = only(result.decks);
    assert.deepEqual(deck.cards.map((c) => c.front), ['Q1?', 'Q3?', 'Multi\nline?', 'Q5?']);
    assert.deepEqual(deck.cards[0]?.tags, ['café', '日本語'], 'non-ASCII tags are tags');
    assert.deepEqual(deck.cards[1]?.tags, ['good', 'ok']);
    assert.deepEqual(result.problems, [
      { line: 5, message: 'back is 2500 characters long; at most 2000: left out' },
      { line: 6, message: 'tag "bad/tag" left out: a tag is letters, digits and _:.+- (at most 40)' },
      { line: 9, message: 'no front and back: left out' },
    ]);
  });

  it('splits a file with more cards than a deck holds into several decks, losing none', () => {
    const lines = ['#separator:tab', ...Array.from({ length: 5_003 }, (_, i) => `Question ${i}?\tAnswer ${i}`)];
    const result = importAnkiTsv(lines.join('\n'), 'Big export');
    assert.ok(result.ok, JSON.stringify(result.problems.slice(0, 3)));
    assert.deepEqual(result.decks.map((d) => [d.id, d.name, d.cards.length]), [
      ['imported-big-export-1', 'Big export (1 of 2)', 5_000],
      ['imported-big-export-2', 'Big export (2 of 2)', 3],
    ]);
    assert.match(result.problems[0]?.message ?? '', /split into 2 decks/);
  });

  it('decodes every HTML entity of an HTML export (named, decimal, hex) with the entities package', () => {
    const text = ['#separator:tab', '#html:true', 'It&#x27;s &eacute;t&eacute; &hellip; &lt;b&gt; &amp;amp;\tx&nbsp;=&nbsp;1&#10;&#8212; done'].join('\n');
    const result = importAnkiTsv(text, 'entities');
    assert.ok(result.ok, JSON.stringify(result));
    const [c] = only(result.decks).cards;
    assert.equal(c?.front, "It's été … <b> &amp;");
    assert.equal(c?.back, 'x = 1\n— done');
  });

  it('keeps the first 20 tags of a card with more, and says so', () => {
    const tags = Array.from({ length: 25 }, (_, i) => `t${i}`).join(' ');
    const result = importAnkiTsv(`#separator:tab\n#tags column:3\nQ?\tA\t${tags}\n`, 'tags');
    assert.ok(result.ok);
    assert.equal(only(result.decks).cards[0]?.tags.length, 20);
    assert.deepEqual(result.problems, [{ line: 3, message: '25 tags; the first 20 were kept' }]);
  });
});
