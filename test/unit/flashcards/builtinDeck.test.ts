import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ALL_RULES } from '../../../src/analysis/rules';
import { builtinDeck } from '../../../src/flashcards/builtinDeck';
import { validateDeck, type Deck } from '../../../src/flashcards/deck';
import { cardForRule, KNOWN_RULE_CODES, RULE_CARD_IDS } from '../../../src/flashcards/ruleCards';
import { repoRoot } from '../helpers';
import { findPython, PYTHON_RUN_LIMIT_MS, runPythonArgs } from '../python';

/** The rule codes of the shipped docs pages (media/docs/) and the snippet family of the pack. */
const RULES = ['ACO101', 'ACO102', 'ACO201', 'ACO202', 'ACO301', 'ACO302', 'ACO303', 'ACO304', 'ACO305'];
const SNIPPETS = ['aio-gather', 'aio-semaphore', 'aio-timeout', 'aio-wait-for', 'aio-taskgroup', 'aio-task', 'aio-run', 'aio-context-manager', 'aio-generator', 'aio-queue', 'aio-fetcher', 'aio-timer', 'aio-event'];

/** The course's 12 cards: id, difficulty label and video timestamp, in the course's order. */
const SEED: [string, string, string][] = [
  ['seed-01-coroutine-object', 'easy', '00:51'],
  ['seed-02-await', 'easy', '01:21'],
  ['seed-03-entry-point', 'easy', '01:52'],
  ['seed-04-gather-vs-sequential', 'medium', '02:53'],
  ['seed-05-create-task', 'medium', '03:50'],
  ['seed-06-async-context-manager', 'medium', '04:51'],
  ['seed-07-timeout', 'medium', '05:46'],
  ['seed-08-semaphore', 'medium', '06:02'],
  ['seed-09-async-for', 'easy', '06:19'],
  ['seed-10-sleep', 'easy', '06:44'],
  ['seed-11-taskgroup', 'hard', '07:10'],
  ['seed-12-queue', 'medium', '07:22'],
];

function deck(): Deck {
  const result = builtinDeck();
  assert.ok(result.ok, `built-in deck invalid: ${result.ok ? '' : JSON.stringify(result.errors.slice(0, 5))}`);
  return result.deck;
}

describe('the built-in deck', () => {
  it('is valid against the known rule codes and has at least 30 cards', () => {
    const raw: unknown = JSON.parse(readFileSync(path.join(repoRoot(), 'media', 'decks', 'async-coach-core.json'), 'utf8'));
    assert.ok(validateDeck(raw, { knownRules: KNOWN_RULE_CODES }).ok);
    assert.ok(deck().cards.length >= 30, `${deck().cards.length} cards`);
  });

  it('starts with the 12 seed cards, in order, with their difficulty and timestamp', () => {
    const first = deck().cards.slice(0, 12).map((c) => [c.id, c.difficulty, c.source?.timestamp]);
    assert.deepEqual(first, SEED);
  });

  it('has a card for every rule and every snippet prefix the catalogue names', () => {
    const cards = deck().cards;
    for (const code of RULES) assert.ok(cards.some((c) => c.rules.includes(code)), `no card for ${code}`);
    for (const prefix of SNIPPETS) assert.ok(cards.some((c) => c.snippets.includes(prefix)), `no card for ${prefix}`);
  });

  it('covers every snippet prefix actually shipped in snippets/python-asyncio.json', () => {
    const shipped = JSON.parse(readFileSync(path.join(repoRoot(), 'snippets', 'python-asyncio.json'), 'utf8')) as Record<string, { prefix: string | string[] }>;
    const prefixes = Object.values(shipped).flatMap((s) => (Array.isArray(s.prefix) ? s.prefix : [s.prefix]));
    assert.ok(prefixes.length > 0);
    for (const prefix of prefixes) assert.ok(deck().cards.some((c) => c.snippets.includes(prefix)), `no card for shipped snippet ${prefix}`);
  });

  it('cardForRule gives each rule a card that links it; ACO302 keeps the id its rule metadata uses', () => {
    for (const code of RULES) {
      const card = cardForRule(code);
      assert.ok(card, `no card for ${code}`);
      assert.ok(card.rules.includes(code), `${card.id} does not link ${code}`);
      assert.equal(card.id, RULE_CARD_IDS[code]);
    }
    assert.equal(cardForRule('ACO302')?.id, 'seed-03-entry-point');
    assert.equal(cardForRule('ACO999'), undefined);
    assert.equal(cardForRule('__proto__'), undefined);
  });

  it('has every card id a rule declares in its metadata', () => {
    const ids = new Set(deck().cards.map((c) => c.id));
    for (const rule of ALL_RULES) if (rule.meta.cardId) assert.ok(ids.has(rule.meta.cardId), `${rule.meta.code} links missing card ${rule.meta.cardId}`);
  });

  it('has code samples that are valid Python 3.11 (compiled by python3, top-level await allowed)', async function () {
    this.timeout(PYTHON_RUN_LIMIT_MS + 30_000);
    const python = findPython();
    if (!python) this.skip();
    const samples = deck().cards.flatMap((c) => [c.frontCode, c.code].filter((x): x is string => x !== undefined).map((code) => ({ id: c.id, code })));
    const script = [
      'import ast, json, sys',
      'bad = []',
      'for s in json.load(sys.stdin):',
      '    try: compile(s["code"], s["id"], "exec", flags=ast.PyCF_ALLOW_TOP_LEVEL_AWAIT | ast.PyCF_ONLY_AST)',
      '    except SyntaxError as e: bad.append(f"{s[\'id\']}: {e}")',
      'print(json.dumps(bad))',
    ].join('\n');
    const run = await runPythonArgs(python, ['-c', script], { stdin: JSON.stringify(samples) });
    assert.equal(run.code, 0, run.stderr);
    assert.ok(samples.length >= 30);
    assert.deepEqual(JSON.parse(run.stdout), []);
  });
});
