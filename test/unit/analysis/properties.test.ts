import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { analyzeSource } from '../../../src/analysis/analyzer';
import type { Finding } from '../../../src/analysis/types';
import { LineIndex } from '../../../src/analysis/syntax/lineIndex';
import { applyEdits } from '../../../src/editing/applyEdits';
import { fixKeepsSyntax } from '../../../src/editing/verifyFix';
import { fixturePath, repoRoot, testParser } from '../helpers';
import { findPython, runPythonArgs } from '../python';
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

/**
 * Statements that share a line: after `;`, and bodies on their header's line. Fixes that write
 * several lines must still produce valid Python there (the TaskGroup rewrite once wrote
 * `x = 1; async with ...:`).
 */
const SHARED_LINE_SHAPES = [
  'import asyncio\n\n\nasync def f(x):\n    await asyncio.sleep(0.1)\n    return x\n\n\nasync def main():\n    x = 1; a = await f(1)\n    b = await f(2)\n    return x, a, b\n',
  'import asyncio\n\n\nasync def f(x):\n    await asyncio.sleep(0.1)\n    return x\n\n\nasync def main(): a = await f(1); b = await f(2)\n',
  'import asyncio\n\n\nasync def f(x):\n    await asyncio.sleep(0.1)\n    return x\n\n\nasync def main():\n    a = await f(1); b = await f(2); c = 3\n    return a, b, c\n',
  'import asyncio\n\n\nasync def f(x):\n    await asyncio.sleep(0.1)\n    return x\n\n\nasync def main(): a = await f(1); return a, await f(2)\n',
  'import asyncio\n\n\nasync def f(x):\n    await asyncio.sleep(0.1)\n    return x\n\n\nclass C:\n    async def m(self):\n        if self: a = await f(1); b = await f(2); print(a, b)\n',
  'import asyncio\n\n\nasync def f(x):\n    await asyncio.sleep(0.1)\n    return x\n\n\nasync def main():\r\n    x = 1; a = await f(1); b = await f(2)  # trailing\r\n    return a, b\r\n',
];

/** The statements the generated programs are made of. */
const awaitStatement = fc.oneof(
  fc.nat({ max: 9 }).map((n) => `v${n} = await f(${n})`),
  fc.nat({ max: 9 }).map((n) => `await f(${n})`),
  fc.constantFrom('x = 1', 'pass', 'print(x)'),
);

/** An async function whose statements share lines in every way Python allows. */
const sharedLineProgram = fc
  .tuple(fc.array(awaitStatement, { minLength: 2, maxLength: 6 }), fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }), fc.constantFrom('header', 'lines', 'if'), fc.boolean())
  .map(([stmts, joins, layout, returns]) => {
    const body = [...stmts, ...(returns ? ['return x, await f(7)'] : [])];
    const head = 'import asyncio\n\n\nasync def f(x):\n    await asyncio.sleep(0.1)\n    return x\n\n\nasync def main(x):\n';
    if (layout === 'header') return head.replace(/async def main\(x\):\n$/, `async def main(x): ${body.join('; ')}\n`);
    let text = '    ';
    body.forEach((s, i) => (text += i === 0 ? s : `${joins[i % joins.length] ? '; ' : '\n    '}${s}`));
    return layout === 'if' ? `${head}    if x: ${text.trim().split('\n    ').join('; ')}\n    return x\n` : `${head}${text}\n`;
  });

describe('every fix keeps the code valid Python', () => {
  const fixedTexts: { name: string; source: string }[] = [];

  /** Checks each fix of the text (re-parse); keeps the fixed texts for Python's own compiler. */
  async function checkFixes(name: string, text: string, options: Parameters<typeof analyzeSource>[2]): Promise<number> {
    const parser = await testParser();
    const tree = parser.parse(text);
    let checked = 0;
    try {
      for (const finding of analyzeSource(parser, text, options).findings) {
        for (const fix of finding.fixes) {
          assert.ok(fixKeepsSyntax(parser, { text, tree }, fix.edits), `${name}: ${finding.code} fix "${fix.title}" breaks the syntax:\n${applyEdits(text, fix.edits)}`);
          fixedTexts.push({ name: `${name} / ${finding.code} / ${fix.title}`, source: applyEdits(text, fix.edits) });
          checked++;
        }
      }
    } finally {
      tree.delete();
    }
    return checked;
  }

  it('on statements sharing a line: after `;` and one-line bodies', async () => {
    let checked = 0;
    for (const [i, text] of SHARED_LINE_SHAPES.entries()) {
      for (const preferTaskGroup of [false, true]) checked += await checkFixes(`shape ${i}`, text, { targetVersion: 'py312', preferTaskGroup, includeBareAwaits: true });
    }
    assert.ok(checked >= SHARED_LINE_SHAPES.length * 4, `only ${checked} fixes were offered on the shapes`);
  });

  it('on generated functions whose statements share lines', async () => {
    const programs = fc.sample(sharedLineProgram, { numRuns: 120, seed: 17 });
    for (const [i, text] of programs.entries()) await checkFixes(`generated ${i}`, text, { targetVersion: 'py312', preferTaskGroup: i % 2 === 0, includeBareAwaits: true });
  });

  it('on every fixture and example (each fix alone)', async () => {
    for (const file of realFiles()) await checkFixes(file.name, file.text, { targetVersion: 'py312', includeBareAwaits: true });
  });

  it("compiles every fixed text with Python's own compiler", async function () {
    const python = findPython();
    if (!python) this.skip();
    assert.ok(fixedTexts.length > 100, 'the tests above collect the fixed texts');
    const run = await runPythonArgs(python, ['-c', COMPILE_ALL], { stdin: JSON.stringify(fixedTexts), timeoutMs: 120_000 });
    assert.equal(run.code, 0, run.stderr);
    const errors = Object.entries(JSON.parse(run.stdout) as Record<string, string | null>).filter(([, e]) => e !== null);
    assert.deepEqual(errors, [], errors.map(([n, e]) => `${n}: ${e}\n${fixedTexts.find((t) => t.name === n)?.source ?? ''}`).join('\n\n'));
  });
});

/** compile() for each fixed text whose original compiled (fixtures hold deliberately odd code too). */
const COMPILE_ALL = `
import json, sys
errors = {}
for item in json.load(sys.stdin):
    try:
        compile(item["source"], item["name"], "exec")
        errors[item["name"]] = None
    except SyntaxError as e:
        errors[item["name"]] = f"{e.msg} (line {e.lineno})"
print(json.dumps(errors))
`;
