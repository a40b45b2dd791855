import assert from 'node:assert/strict';
import { exportAnkiTsv, importAnkiTsv, parseRecords } from '../../../src/flashcards/anki';
import { builtinDeck } from '../../../src/flashcards/builtinDeck';
import type { Deck } from '../../../src/flashcards/deck';
import { card } from './fixtures';

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
    const records = parseRecords(text, '\t');
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
    assert.equal(result.deck.name, 'Tricky deck');
    assert.deepEqual(
      result.deck.cards.map((c) => [c.id, c.front, c.difficulty, c.tags, c.rules, c.snippets]),
      tricky.cards.map((c) => [c.id, c.front, c.difficulty, c.tags, c.rules, c.snippets]),
    );
    assert.equal(result.deck.cards[2]?.front, '<img src=x onerror=alert(1)>', 'kept as text');
    assert.equal(result.deck.cards[0]?.back, 'It\tpauses.');
  });

  it('exports and re-imports the whole built-in deck', () => {
    const deck = builtinDeck();
    assert.ok(deck.ok);
    const result = importAnkiTsv(exportAnkiTsv(deck.deck), 'x');
    assert.ok(result.ok, JSON.stringify(result));
    assert.deepEqual(result.deck.cards.map((c) => c.id), deck.deck.cards.map((c) => c.id));
  });

  it('imports a plain Anki export: HTML fields, shared tags, no GUIDs', () => {
    const text = ['#separator:tab', '#html:true', '#tags:python', '#tags column:3', 'What is <b>gather</b>?\tRuns them<br>concurrently &amp; in order\tasyncio difficulty::easy', 'Empty back\t\t', ''].join('\n');
    const result = importAnkiTsv(text, 'My export');
    assert.ok(result.ok, JSON.stringify(result));
    assert.equal(result.skipped, 1);
    assert.equal(result.deck.name, 'My export');
    assert.equal(result.deck.id, 'imported-my-export');
    const [c] = result.deck.cards;
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
    assert.deepEqual(a.deck.cards.map((c) => c.id), b.deck.cards.map((c) => c.id));
    assert.equal(new Set(a.deck.cards.map((c) => c.id)).size, 2);
  });

  it('reports a file with no cards, and an unknown separator, as errors', () => {
    const empty = importAnkiTsv('#separator:Tab\n\n', 'd');
    assert.equal(empty.ok, false);
    const weird = importAnkiTsv('#separator:Banana\na\tb\n', 'd');
    assert.ok(!weird.ok && weird.errors[0]?.message.includes('separator'));
  });
});
