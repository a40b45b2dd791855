import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { analyzeSource } from '../../../src/analysis/analyzer';
import type { Finding } from '../../../src/analysis/types';
import { LineIndex } from '../../../src/analysis/syntax/lineIndex';
import { fixturePath, repoRoot, testParser } from '../helpers';
import { pythonLibFiles } from './pythonCorpus';

/** Real Python: every fixture and example, plus a few files of the local Python when present. */
function realFiles(): { name: string; text: string }[] {
  const out: { name: string; text: string }[] = [];
  for (const dir of readdirSync(fixturePath()).filter((d) => /^ACO\d+$/.test(d))) {
    for (const f of readdirSync(fixturePath(dir)).filter((f) => f.endsWith('.py'))) out.push({ name: `${dir}/${f}`, text: readFileSync(fixturePath(dir, f), 'utf8') });
  }
  for (const f of ['sequential.py', 'await_loop.py', 'unawaited.py', 'dangling_task.py']) out.push({ name: f, text: readFileSync(path.join(repoRoot(), 'examples', f), 'utf8') });
  for (const f of (pythonLibFiles()?.asyncFiles ?? []).filter((f) => /asyncio\/(tasks|streams|base_events)\.py$/.test(f))) out.push({ name: f, text: readFileSync(f, 'utf8') });
  return out;
}

/** No internal error was caught, and every position a finding holds lies within the text. */
function assertSound(result: { findings: readonly Finding[]; internalErrors: readonly string[] }, text: string): void {
  assert.deepEqual(result.internalErrors, []);
  assertInside(result.findings, text);
}

function assertInside(findings: readonly Finding[], text: string): void {
  const lines = new LineIndex(text);
  const inside = (p: { line: number; character: number }): boolean => p.line < lines.lineCount && p.character <= lines.lineText(p.line).length;
  for (const f of findings) {
    assert.ok(inside(f.range.start) && inside(f.range.end), `${f.code} range outside the text`);
    for (const fix of f.fixes) for (const e of fix.edits) assert.ok(inside(e.range.start) && inside(e.range.end), `${f.code} fix edit outside the text`);
  }
}

describe('the analyzer never throws', () => {
  const files = realFiles();

  it('on random truncations of real files', async () => {
    const parser = await testParser();
    fc.assert(
      fc.property(fc.constantFrom(...files), fc.double({ min: 0, max: 1, noNaN: true }), (file, cut) => {
        const text = file.text.slice(0, Math.floor(file.text.length * cut));
        assertSound(analyzeSource(parser, text), text);
      }),
      { numRuns: 150, seed: 7 },
    );
  });

  it('on random edits of real files (deletions, insertions of Python fragments, stray characters)', async () => {
    const parser = await testParser();
    const fragment = fc.constantFrom('await ', 'async ', 'def ', 'class X:', '(', ')', '[', '{', ':', '\n', '    ', '"', "'''", '#', '\\', 'lambda: ', 'yield', 'global x\n', 'é😀', '\r\n', '\t', 'asyncio.create_task(', ' = ', ', ');
    fc.assert(
      fc.property(fc.constantFrom(...files), fc.array(fc.tuple(fc.nat(), fc.nat({ max: 40 }), fragment), { minLength: 1, maxLength: 8 }), (file, edits) => {
        let text = file.text;
        for (const [at, remove, insert] of edits) {
          const start = at % (text.length + 1);
          text = text.slice(0, start) + insert + text.slice(start + remove);
        }
        assertSound(analyzeSource(parser, text), text);
      }),
      { numRuns: 150, seed: 11 },
    );
  });

  it('on deeply nested expressions (no recursion on the depth of the tree)', async () => {
    const parser = await testParser();
    for (const text of [
      `async def f():\n    x = ${Array.from({ length: 5000 }, () => 'g(1)').join(' + ')}\n`,
      `async def f():\n    x = ${'('.repeat(2000)}1${')'.repeat(2000)}\n`,
      `def f():\n    return ${Array.from({ length: 3000 }, (_, i) => `a${i}`).join('.')}()\n`,
    ]) {
      assertSound(analyzeSource(parser, text), text);
    }
  });

  it('on arbitrary strings', async () => {
    const parser = await testParser();
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => {
        assertSound(analyzeSource(parser, text), text);
      }),
      { numRuns: 200, seed: 3 },
    );
  });
});
