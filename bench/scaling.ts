/**
 * Scaling figures for `npm run bench`: shapes that once cost the square of their size, each timed at
 * two sizes so a quadratic step shows as a per-unit cost that grows with the size. Prints JSON on
 * stdout; asserts nothing.
 *   - many findings in one file: N small coroutines, each with a dropped task (ACO202, whose fix
 *     adds a module-level set) and a blocking call (ACO301): analysis, fix-all edits, applying them;
 *   - chained calls: one `async def` holding `x = a.b().b()...` with N calls.
 */
import { readFileSync } from 'node:fs';
import { analyzeSource } from '../src/analysis/analyzer';
import { loadPythonParser, type PythonParser } from '../src/analysis/parser';
import { applyEdits } from '../src/editing/applyEdits';
import { combineFixes } from '../src/editing/fixAll';

interface Args {
  runtime: string;
  grammar: string;
}

/** N coroutines, each with a dropped task and a blocking call: two findings, one safe fix, per function. */
export function manyFindings(functions: number): string {
  const parts = ['import asyncio', 'import time', ''];
  for (let i = 0; i < functions; i++) parts.push(`async def f${i}():\n    asyncio.create_task(g())\n    time.sleep(1)\n`);
  return parts.join('\n');
}

/** One coroutine with a chain of N method calls on one line. */
export function chainedCalls(calls: number): string {
  return `async def main():\n    x = a${'.b()'.repeat(calls)}\n`;
}

function time<T>(run: () => T): { ms: number; value: T } {
  const t0 = performance.now();
  const value = run();
  return { ms: Math.round(performance.now() - t0), value };
}

function findingsFigures(parser: PythonParser, functions: number): Record<string, number> {
  const text = manyFindings(functions);
  const analysis = time(() => analyzeSource(parser, text));
  const findings = analysis.value.findings;
  const combined = time(() => combineFixes(findings));
  const applied = time(() => applyEdits(text, combined.value.edits));
  const per1k = (ms: number): number => Math.round((ms / findings.length) * 1000 * 10) / 10;
  return {
    functions,
    kb: Math.round(text.length / 1024),
    findings: findings.length,
    analysisMs: analysis.ms,
    analysisMsPer1kFindings: per1k(analysis.ms),
    combineFixesMs: combined.ms,
    fixesCombined: combined.value.applied,
    applyEditsMs: applied.ms,
  };
}

function chainFigures(parser: PythonParser, calls: number): Record<string, number> {
  const text = chainedCalls(calls);
  const analysis = time(() => analyzeSource(parser, text));
  return { calls, kb: Math.round(text.length / 1024), analysisMs: analysis.ms, msPer1kCalls: Math.round((analysis.ms / calls) * 1000 * 10) / 10 };
}

async function main(): Promise<void> {
  const args = JSON.parse(readFileSync(0, 'utf8')) as Args;
  const parser = await loadPythonParser({ runtime: args.runtime, python: args.grammar });
  // Warm-up, so the first size does not pay for the JIT.
  analyzeSource(parser, manyFindings(200));
  const result = {
    findings: [2000, 8000].map((n) => findingsFigures(parser, n)),
    chains: [10000, 40000].map((n) => chainFigures(parser, n)),
  };
  process.stdout.write(JSON.stringify(result) + '\n');
}

main().catch((err: unknown) => {
  process.stderr.write(`bench: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exitCode = 1;
});
