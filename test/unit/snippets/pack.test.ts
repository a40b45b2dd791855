// The shape of the snippet pack: what VS Code needs to load it, and what a learner needs to pick
// the right snippet from the suggestion list.
import assert from 'node:assert/strict';
import { SNIPPET_CATALOG } from '../../support/snippets/catalog';
import { readSnippetFile } from '../../support/snippets/snippetFile';
import { packSnippets, readPack } from './pack';

/** The prefixes issue 5 asks for, one per pattern of the course. */
const REQUIRED_PREFIXES = [
  'aio-gather', 'aio-semaphore', 'aio-timeout', 'aio-wait-for', 'aio-taskgroup', 'aio-task', 'aio-run',
  'aio-context-manager', 'aio-generator', 'aio-queue', 'aio-fetcher', 'aio-timer',
];

describe('snippet file reader', () => {
  it('reads string and array forms of prefix and body, joining body lines with \\n', () => {
    const { snippets, problems } = readSnippetFile({
      one: { prefix: 'a', body: 'x', description: 'd' },
      two: { prefix: ['b', 'c'], body: ['x', '\ty'], description: 'd' },
    });
    assert.deepEqual(problems, []);
    assert.deepEqual(snippets[1], { name: 'two', prefixes: ['b', 'c'], body: 'x\n\ty', description: 'd' });
  });

  it('reports every problem: missing parts, wrong types and misspelt properties', () => {
    const { snippets, problems } = readSnippetFile({
      noPrefix: { body: 'x', description: 'd' },
      emptyBody: { prefix: 'a', body: [], description: 'd' },
      noDescription: { prefix: 'a', body: 'x' },
      typo: { prefix: 'a', body: 'x', descripton: 'd' },
      notObject: 'x',
    });
    assert.equal(snippets.length, 0);
    assert.deepEqual(problems, [
      'noPrefix: "prefix" must be a non-empty string or array of non-empty strings',
      'emptyBody: "body" must be a non-empty string or array of strings',
      'noDescription: "description" must be a non-empty string',
      'typo: unknown property "descripton"',
      'typo: "description" must be a non-empty string',
      'notObject: must be an object',
    ]);
  });

  it('rejects a file that is not an object of snippets', () => {
    assert.deepEqual(readSnippetFile([]).problems, ['the file must hold a JSON object of snippets']);
  });
});

describe('snippet pack: schema and prefixes', () => {
  it('loads with no shape problem', () => {
    assert.deepEqual(readPack().problems, []);
  });

  it('has every prefix the issue asks for', () => {
    const prefixes = packSnippets().flatMap((s) => s.prefixes);
    for (const required of REQUIRED_PREFIXES) assert.ok(prefixes.includes(required), `missing ${required}`);
  });

  it('uses unique, lower-case aio- prefixes', () => {
    const prefixes = packSnippets().flatMap((s) => s.prefixes);
    for (const prefix of prefixes) assert.match(prefix, /^aio-[a-z]+(-[a-z]+)*$/);
    assert.equal(new Set(prefixes).size, prefixes.length, `duplicates in ${prefixes.join(', ')}`);
  });

  it('names every snippet "asyncio: ..." so it reads well in the Insert Snippet list', () => {
    for (const { name } of packSnippets()) assert.match(name, /^asyncio: \S/);
  });

  it('has a catalog entry for exactly the snippets in the pack', () => {
    assert.deepEqual(Object.keys(SNIPPET_CATALOG).sort(), packSnippets().map((s) => s.prefix).sort());
  });
});

describe('snippet pack: descriptions teach when to use each snippet', () => {
  for (const snippet of packSnippets()) {
    const info = SNIPPET_CATALOG[snippet.prefix];
    describe(snippet.prefix, () => {
      it('is one sentence, short enough to read in the suggestion details', () => {
        assert.match(snippet.description, /^[A-Z].*\.$/);
        assert.doesNotMatch(snippet.description, /[.!?]\s+[A-Z]/, 'more than one sentence');
        assert.ok(snippet.description.length <= 220, `${snippet.description.length} characters`);
      });

      it('says where the snippet goes', () => {
        assert.ok(info, 'no catalog entry');
        const where = { program: /for a new file/, module: /module level/, 'async-body': /inside async def/ }[info.placement];
        assert.match(snippet.description, where);
      });

      if (info?.minPython === '3.11') {
        it('names the Python version it needs', () => {
          assert.match(snippet.description, /Python 3\.11\+/);
        });
      }

      for (const module of info?.expectsImports.filter((m) => m !== 'asyncio') ?? []) {
        it(`names the import it expects: ${module}`, () => {
          assert.match(snippet.description, new RegExp(`import ${module}\\b`));
        });
      }
    });
  }
});
