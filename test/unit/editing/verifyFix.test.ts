import assert from 'node:assert/strict';
import type { Finding, Fix } from '../../../src/analysis/types';
import { combineVerifiedFixes, fixKeepsSyntax } from '../../../src/editing/verifyFix';
import { testParser } from '../helpers';

const at = (line: number, start: number, end: number) => ({ start: { line, character: start }, end: { line, character: end } });

function finding(line: number, fix: Omit<Fix, 'applicability'>): Finding {
  return { code: 'ACO302', name: 'nested-asyncio-run', severity: 'error', message: `m${line}`, range: at(line, 0, 1), fixes: [{ ...fix, applicability: 'safe' }], related: [] };
}

const TEXT = 'async def f():\n    x = g(1)\n    y = g(2)\n    return x, y\n';

describe('fix verification by re-parsing', () => {
  it('accepts an edit that keeps the code parsing and refuses one that breaks it', async () => {
    const parser = await testParser();
    const tree = parser.parse(TEXT);
    try {
      assert.equal(fixKeepsSyntax(parser, { text: TEXT, tree }, [{ range: at(1, 8, 12), newText: 'await g(1)' }]), true);
      assert.equal(fixKeepsSyntax(parser, { text: TEXT, tree }, [{ range: at(1, 4, 5), newText: 'x = 1; async with a:' }]), false);
      assert.equal(fixKeepsSyntax(parser, { text: TEXT, tree }, [{ range: at(2, 11, 12), newText: '' }]), false, 'a deleted parenthesis');
      // Several edits, with line breaks, applied from a copy of the tree: the tree itself is unchanged.
      assert.equal(fixKeepsSyntax(parser, { text: TEXT, tree }, [{ range: at(0, 0, 0), newText: 'import asyncio\n\n' }, { range: at(3, 4, 17), newText: 'return (\n        x,\n        y,\n    )' }]), true);
      assert.equal(tree.rootNode.text, TEXT);
    } finally {
      tree.delete();
    }
  });

  it('leaves out the fix that would break the file and applies the others', async () => {
    const parser = await testParser();
    const tree = parser.parse(TEXT);
    try {
      const good = finding(1, { title: 'good', edits: [{ range: at(1, 8, 12), newText: 'await g(1)' }] });
      const bad = finding(2, { title: 'bad', edits: [{ range: at(2, 11, 12), newText: '' }] });
      const result = combineVerifiedFixes(parser, { text: TEXT, tree }, [good, bad]);
      assert.deepEqual(result.fixed, [good]);
      assert.deepEqual(result.broken, [bad]);
      assert.deepEqual(result.edits.map((e) => e.newText), ['await g(1)']);
    } finally {
      tree.delete();
    }
  });
});
