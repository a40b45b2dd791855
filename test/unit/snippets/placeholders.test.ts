// Tabstops a user can trust: Tab visits them in reading order, a repeated tabstop shows one value,
// the final cursor lands where the next line of code goes, and nothing is left half-parsed.
import assert from 'node:assert/strict';
import { expandSnippet } from '../../support/snippets/expand';
import { parseSnippet } from '../../support/snippets/grammar';
import { summarizeTabstops, variableNames } from '../../support/snippets/tabstops';
import { KNOWN_SNIPPET_VARIABLES } from '../../support/snippets/variables';
import { packSnippets } from './pack';

describe('snippet pack: placeholders', () => {
  for (const snippet of packSnippets()) {
    const nodes = parseSnippet(snippet.body);
    const tabstops = summarizeTabstops(nodes);
    const expansion = expandSnippet(snippet.body);

    describe(snippet.prefix, () => {
      it('numbers its tabstops 1..N with no gap', () => {
        const indexes = [...tabstops.keys()].filter((i) => i !== 0).sort((a, b) => a - b);
        assert.ok(indexes.length > 0, 'no tabstop at all');
        assert.deepEqual(indexes, indexes.map((_, i) => i + 1));
      });

      it('visits tabstops in reading order: each first appears after the one before', () => {
        const firstStart = new Map<number, number>();
        for (const t of expansion.tabstops) if (t.index !== 0 && !firstStart.has(t.index)) firstStart.set(t.index, t.start);
        const byIndex = [...firstStart].sort((a, b) => a[0] - b[0]).map(([, start]) => start);
        assert.deepEqual(byIndex, [...byIndex].sort((a, b) => a - b));
      });

      it('gives a repeated tabstop one default, its other occurrences mirroring it', () => {
        for (const t of tabstops.values()) {
          assert.ok(t.defaults.length + t.choices.length <= 1, `$${t.index} has several defaults: ${JSON.stringify([...t.defaults, ...t.choices])}`);
        }
      });

      it('offers choices of at least two distinct, non-blank options', () => {
        for (const t of tabstops.values()) {
          for (const options of t.choices) {
            assert.ok(options.length >= 2, `$${t.index} has one option`);
            assert.equal(new Set(options).size, options.length, `$${t.index} repeats an option`);
            for (const option of options) assert.notEqual(option.trim(), '');
          }
        }
      });

      it('has one bare $0 at the end of a line of code, not in a comment', () => {
        const final = tabstops.get(0);
        assert.ok(final, 'no $0: the cursor would end after the whole snippet');
        assert.equal(final.occurrences, 1);
        assert.deepEqual(final.defaults, []);
        assert.equal(final.nested, false);
        const lineEnd = expansion.text.indexOf('\n', expansion.finalCursor);
        assert.equal(lineEnd === -1 ? expansion.text.length : lineEnd, expansion.finalCursor, '$0 is not at the end of its line');
        const lineStart = expansion.text.lastIndexOf('\n', expansion.finalCursor - 1) + 1;
        const line = expansion.text.slice(lineStart, expansion.finalCursor);
        assert.notEqual(line.trim(), '', '$0 is on an empty line');
        assert.ok(!line.includes('#'), `$0 ends a comment: ${line}`);
      });

      it('uses only variables VS Code knows (an unknown one would insert its own name)', () => {
        for (const name of variableNames(nodes)) assert.ok(KNOWN_SNIPPET_VARIABLES.has(name), name);
      });

      it('leaves no $ in the expansion (a $ left over is a construct that did not parse)', () => {
        assert.ok(!expansion.text.includes('$'), expansion.text);
      });

      it('indents with tabs, which the editor turns into the user\'s own indentation', () => {
        for (const line of snippet.body.split('\n')) assert.match(line, /^\t*(?! )/, `space-indented line: ${JSON.stringify(line)}`);
      });
    });
  }
});
