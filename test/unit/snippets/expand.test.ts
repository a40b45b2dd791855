import assert from 'node:assert/strict';
import { expandSnippet, type ExpandOptions } from '../../support/snippets/expand';
import { parseSnippet } from '../../support/snippets/grammar';

const text = (body: string, options?: ExpandOptions): string => expandSnippet(body, options).text;

describe('snippet expander: tabstops and placeholders', () => {
  it('leaves plain text alone', () => {
    assert.equal(text('print("hi")\n\tpass'), 'print("hi")\n\tpass');
  });

  it('expands $1 and ${1} to nothing and records where they are', () => {
    const e = expandSnippet('a$1b${2}c');
    assert.equal(e.text, 'abc');
    assert.deepEqual(e.tabstops, [
      { index: 1, start: 1, end: 1 },
      { index: 2, start: 2, end: 2 },
    ]);
  });

  it('inserts a placeholder default and records its range', () => {
    const e = expandSnippet('x = ${1:42}');
    assert.equal(e.text, 'x = 42');
    assert.deepEqual(e.tabstops, [{ index: 1, start: 4, end: 6 }]);
  });

  it('expands nested placeholders, the outer range covering the inner one', () => {
    const e = expandSnippet('${1:outer ${2:inner}}!');
    assert.equal(e.text, 'outer inner!');
    assert.deepEqual(e.tabstops, [
      { index: 1, start: 0, end: 11 },
      { index: 2, start: 6, end: 11 },
    ]);
  });

  it('fills every mirror with the first default of its index, before or after it', () => {
    assert.equal(text('${1:name} = $1'), 'name = name');
    assert.equal(text('$1 = ${1:name}'), 'name = name');
  });

  it('ignores a later, different default of the same index, as the editor does', () => {
    assert.equal(text('${1:first} ${1:second}'), 'first first');
  });

  it('fills a mirror of a placeholder that holds another placeholder', () => {
    assert.equal(text('${1:a ${2:b}} $1'), 'a b a b');
    assert.equal(text('$2 ${1:x ${2:y}}'), 'y x y');
  });

  it('copies a default that contains its own index one level deep, then stops, as the editor does', () => {
    assert.equal(text('${1:a $1}'), 'a a a ');
    assert.doesNotThrow(() => text('${1:a $2} ${2:b $1}'));
  });

  it('keeps ${0:text} and does not use it to fill other tabstops', () => {
    assert.equal(text('${0:end} $0'), 'end ');
  });

  it('puts the final cursor at $0, or at the end when there is none', () => {
    assert.equal(expandSnippet('ab$0cd').finalCursor, 2);
    assert.equal(expandSnippet('ab${1:x}cd').finalCursor, 5);
  });

  it('uses typed values for every occurrence of a tabstop, dropping its nested defaults', () => {
    assert.equal(text('${1:a ${2:b}} $1 ${2}', { values: { 1: 'Z' } }), 'Z Z b');
    assert.equal(text('${1:a ${2:b}} $2', { values: { 2: 'Q' } }), 'a Q Q');
  });

  it('reads multi-digit indexes and stops a bare tabstop at the first non-digit', () => {
    assert.equal(text('${10:ten} $10x $1a'), 'ten tenx a');
    assert.deepEqual(
      expandSnippet('$1a').tabstops.map((t) => t.index),
      [1],
    );
  });
});

describe('snippet expander: choices', () => {
  it('shows the first option, and mirrors show it too', () => {
    assert.equal(text('${1|gather,TaskGroup|} / $1'), 'gather / gather');
  });

  it('unescapes \\, \\| and \\\\ inside options and keeps other backslashes', () => {
    const [node] = parseSnippet('${1|a\\,b,c\\|d,e\\\\f,g\\$h|}');
    assert.deepEqual(node, { kind: 'tabstop', index: 1, children: [{ kind: 'choice', options: ['a,b', 'c|d', 'e\\f', 'g\\$h'] }] });
  });

  it('treats malformed choices as literal text', () => {
    assert.equal(text('${1|a,,b|}'), '${1|a,,b|}');
    assert.equal(text('${1||}'), '${1||}');
    assert.equal(text('${0|a,b|}'), '${0|a,b|}');
    assert.equal(text('${1|a,b|'), '${1|a,b|');
    assert.equal(text('${1|a,b|x}'), '${1|a,b|x}');
  });
});

describe('snippet expander: variables', () => {
  const variables = { TM_FILENAME: 'my_module.py', TM_FILENAME_BASE: 'my_module' };

  it('inserts the value of a known variable in both forms', () => {
    assert.equal(text('# $TM_FILENAME / ${TM_FILENAME_BASE}', { variables }), '# my_module.py / my_module');
  });

  it('uses the default of a known variable that has no value, or nothing without one', () => {
    assert.equal(text('${TM_SELECTED_TEXT:pass}|$TM_SELECTED_TEXT|', { variables }), 'pass||');
  });

  it('expands a default that holds a placeholder', () => {
    const e = expandSnippet('${TM_SELECTED_TEXT:${1:body}}');
    assert.equal(e.text, 'body');
    assert.deepEqual(e.tabstops, [{ index: 1, start: 0, end: 4 }]);
  });

  it('inserts the name of an unknown variable without a default, and the default of one with it', () => {
    assert.equal(text('$NOT_A_VARIABLE ${ALSO_NOT:fallback}'), 'NOT_A_VARIABLE fallback');
  });

  it('applies a variable transform with a case shorthand', () => {
    assert.equal(text('class ${TM_FILENAME_BASE/(.*)/${1:/pascalcase}/}:', { variables }), 'class MyModule:');
    assert.equal(text('${TM_FILENAME/(.*)\\.py$/${1:/upcase}/}', { variables }), 'MY_MODULE');
    assert.equal(text('${TM_FILENAME_BASE/(.*)/${1:/camelcase}/}', { variables }), 'myModule');
    assert.equal(text('${TM_FILENAME_BASE/(.*)/${1:/capitalize}/}', { variables }), 'My_module');
  });

  it('applies conditional format groups: if, else, if-else', () => {
    const name = (file: string, body: string): string => text(body, { variables: { TM_FILENAME: file } });
    const body = '${TM_FILENAME/^(test_)?.*$/${1:?a test:a module}/}';
    assert.equal(name('test_api.py', body), 'a test');
    assert.equal(name('api.py', body), 'a module');
    assert.equal(name('test_api.py', '${TM_FILENAME/^(test_)?.*$/${1:+yes}/}'), 'yes');
    assert.equal(name('api.py', '${TM_FILENAME/^(test_)?.*$/${1:-no}/}'), 'no');
    assert.equal(name('api.py', '${TM_FILENAME/^(test_)?.*$/${1:no}/}'), 'no');
  });

  it('replaces the whole value with the else branch when the regex does not match', () => {
    assert.equal(text('${TM_FILENAME/zzz/${1:-none}/}', { variables }), 'none');
    assert.equal(text('${TM_FILENAME/zzz/X/}', { variables }), 'my_module.py');
  });

  it('honours regex flags and escaped slashes', () => {
    assert.equal(text('${TM_FILENAME/_/-/g}', { variables }), 'my-module.py');
    assert.equal(text('${TM_FILENAME/M/*/i}', { variables }), '*y_module.py');
    assert.equal(text('${TM_FILENAME/\\.py/\\/py/}', { variables }), 'my_module/py');
  });

  it('keeps an invalid regex transform as literal text', () => {
    assert.equal(text('${TM_FILENAME/(/x/}', { variables }), '${TM_FILENAME/(/x/}');
  });

  it('does not apply a tabstop transform at insertion (the editor applies it on leaving the tabstop)', () => {
    assert.equal(text('${1:foo} ${1/(.*)/${1:/upcase}/}'), 'foo foo');
  });
});

describe('snippet expander: escapes and recovery', () => {
  it('unescapes \\$, \\} and \\\\', () => {
    assert.equal(text('\\$1 \\} \\\\'), '$1 } \\');
  });

  it('keeps a backslash before any other character', () => {
    assert.equal(text('print("a\\nb")'), 'print("a\\nb")');
  });

  it('needs \\} for a brace inside a default, and the escape leaves the brace', () => {
    assert.equal(text('${1:f"{x\\}"}'), 'f"{x}"');
    assert.equal(text('${1:f"{x}"}'), 'f"{x"}');
  });

  it('keeps a lone $ and stray braces as text', () => {
    assert.equal(text('$ ${} $} {x} }'), '$ ${} $} {x} }');
  });

  it('recovers from an unterminated placeholder by keeping its opening as text and its children', () => {
    const e = expandSnippet('${1:abc ${2:d} $3');
    assert.equal(e.text, '${1:abc d ');
    assert.deepEqual(
      e.tabstops.map((t) => t.index),
      [2, 3],
    );
  });

  it('treats ${1 without a closing brace or colon as text', () => {
    assert.equal(text('${1 x'), '${1 x');
    assert.equal(text('${NAME x'), '${NAME x');
  });
});
