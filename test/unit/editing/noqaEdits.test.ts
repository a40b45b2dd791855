import assert from 'node:assert/strict';
import { disableForFileEdit, disableForLineEdit } from '../../../src/editing/noqaEdits';
import { applyEdits } from '../fixtureExpectations';
import { testParser } from '../helpers';

async function silenceLine(source: string, line: number, code: 'ACO101' | 'ACO302'): Promise<string | undefined> {
  const tree = (await testParser()).parse(source);
  try {
    const edit = disableForLineEdit(source, tree, line, code);
    return edit ? applyEdits(source, [edit]) : undefined;
  } finally {
    tree.delete();
  }
}

describe('disable for this line (# noqa)', () => {
  it('appends a noqa comment two spaces after the code', async () => {
    assert.equal(await silenceLine('x = asyncio.run(f())\n', 0, 'ACO302'), 'x = asyncio.run(f())  # noqa: ACO302\n');
  });

  it('replaces trailing whitespace rather than keeping it before the comment', async () => {
    assert.equal(await silenceLine('x = asyncio.run(f())   \n', 0, 'ACO302'), 'x = asyncio.run(f())  # noqa: ACO302\n');
  });

  it('merges into an existing noqa list instead of adding a second comment', async () => {
    assert.equal(await silenceLine('x = f()  # noqa: E501\n', 0, 'ACO302'), 'x = f()  # noqa: E501, ACO302\n');
  });

  it('merges into a noqa that follows another comment', async () => {
    assert.equal(await silenceLine('x = f()  # why # noqa:E501\n', 0, 'ACO101'), 'x = f()  # why # noqa: E501, ACO101\n');
  });

  it('offers nothing when the line is already silenced for the code or for everything', async () => {
    assert.equal(await silenceLine('x = f()  # noqa: ACO302\n', 0, 'ACO302'), undefined);
    assert.equal(await silenceLine('x = f()  # noqa\n', 0, 'ACO302'), undefined);
  });

  it('merges into a space-separated list, which the reader also accepts', async () => {
    assert.equal(await silenceLine('x = f()  # noqa:E501 W291\n', 0, 'ACO302'), 'x = f()  # noqa: E501, W291, ACO302\n');
  });

  it('keeps an unrelated comment and appends after it', async () => {
    assert.equal(await silenceLine('x = f()  # explain\n', 0, 'ACO302'), 'x = f()  # explain  # noqa: ACO302\n');
  });

  it('offers nothing when the line ends inside a multi-line string (a comment would change the string)', async () => {
    assert.equal(await silenceLine('x = """first\nsecond"""\n', 0, 'ACO302'), undefined);
  });

  it('keeps CRLF line endings intact', async () => {
    assert.equal(await silenceLine('a = 1\r\nx = f()\r\n', 1, 'ACO302'), 'a = 1\r\nx = f()  # noqa: ACO302\r\n');
  });
});

describe('disable for the entire file (# async-coach: noqa)', () => {
  it('adds the file-level comment at the top of a file with no leading comments', () => {
    const edit = disableForFileEdit('import asyncio\n', 'ACO101');
    assert.equal(applyEdits('import asyncio\n', [edit!]), '# async-coach: noqa: ACO101\nimport asyncio\n');
  });

  it('adds it after a shebang and coding line, inside the first comment block', () => {
    const src = '#!/usr/bin/env python3\n# -*- coding: utf-8 -*-\nimport asyncio\n';
    assert.equal(applyEdits(src, [disableForFileEdit(src, 'ACO101')!]), '#!/usr/bin/env python3\n# -*- coding: utf-8 -*-\n# async-coach: noqa: ACO101\nimport asyncio\n');
  });

  it('merges into an existing file-level list', () => {
    const src = '# async-coach: noqa: ACO201\nimport asyncio\n';
    assert.equal(applyEdits(src, [disableForFileEdit(src, 'ACO101')!]), '# async-coach: noqa: ACO201, ACO101\nimport asyncio\n');
  });

  it('finds a file-level comment after a blank line of the block, as the reader does', () => {
    const src = '# header\n\n# async-coach: noqa: ACO201\nimport asyncio\n';
    assert.equal(applyEdits(src, [disableForFileEdit(src, 'ACO101')!]), '# header\n\n# async-coach: noqa: ACO201, ACO101\nimport asyncio\n');
  });

  it('offers nothing when the file is already silenced for the code or for everything', () => {
    assert.equal(disableForFileEdit('# async-coach: noqa: ACO101\n', 'ACO101'), undefined);
    assert.equal(disableForFileEdit('# async-coach: noqa\nx = 1\n', 'ACO101'), undefined);
  });
});
