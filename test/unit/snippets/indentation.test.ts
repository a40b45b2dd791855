import assert from 'node:assert/strict';
import { adjustForInsertion, normalizeIndentation } from '../../support/snippets/indentation';

describe('snippet insertion whitespace', () => {
  it('turns body tabs into 4 spaces by default, as a Python editor does', () => {
    assert.equal(adjustForInsertion('def f():\n\tif x:\n\t\tpass'), 'def f():\n    if x:\n        pass');
  });

  it('indents every line after the first by the cursor line indentation, blank lines included', () => {
    assert.equal(adjustForInsertion('a = 1\n\tb\n\nc', { lineIndent: '    ' }), 'a = 1\n        b\n    \n    c');
  });

  it('does not indent the first line, which continues the cursor line', () => {
    assert.equal(adjustForInsertion('x\ny', { lineIndent: '\t' }), 'x\n    y');
  });

  it('keeps tabs when the editor indents with tabs, with leftover spaces after them', () => {
    assert.equal(normalizeIndentation('  \tx', 4, false), '\tx');
    assert.equal(normalizeIndentation('      x', 4, false), '\t  x');
    assert.equal(normalizeIndentation('\t  x', 2, true), '    x');
  });

  it('leaves whitespace after the first non-blank character alone', () => {
    assert.equal(normalizeIndentation('\tx\t= 1', 4, true), '    x\t= 1');
  });
});
