/**
 * In-process figures for `npm run bench`: parse and analysis cost per 1k lines over a corpus, and
 * a 10k-line file analysed in full and re-analysed after one-character edits (p50/p95), as the
 * editor does with an {@link IncrementalDocument}. Prints JSON on stdout; asserts nothing.
 */
import { readFileSync } from 'node:fs';
import { analyzeTree } from '../src/analysis/analyzer';
import { IncrementalDocument } from '../src/analysis/document';
import { loadPythonParser } from '../src/analysis/parser';

interface Args {
  files: string[];
  runtime: string;
  grammar: string;
  bigFile?: string;
  edits: number;
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function main(): Promise<void> {
  const args = JSON.parse(readFileSync(0, 'utf8')) as Args;
  const parser = await loadPythonParser({ runtime: args.runtime, python: args.grammar });
  const texts = args.files.map((f) => readFileSync(f, 'utf8'));
  const lines = texts.reduce((n, t) => n + t.split('\n').length, 0);
  // Warm the JIT on a few files so the figures describe the steady state.
  for (const t of texts.slice(0, 5)) parser.parse(t).delete();
  let parseMs = 0;
  let analysisMs = 0;
  let findings = 0;
  for (const text of texts) {
    const t0 = performance.now();
    const tree = parser.parse(text);
    const t1 = performance.now();
    findings += analyzeTree(tree, text).findings.length;
    const t2 = performance.now();
    tree.delete();
    parseMs += t1 - t0;
    analysisMs += t2 - t1;
  }
  const per1k = (ms: number): number => (lines === 0 ? NaN : round((ms / lines) * 1000, 2));
  const result: Record<string, unknown> = {
    files: texts.length,
    lines,
    findings,
    parseMs: round(parseMs),
    analysisMs: round(analysisMs),
    parseMsPer1kLines: per1k(parseMs),
    analysisMsPer1kLines: per1k(analysisMs),
  };
  if (args.bigFile) result.editor = editorFigures(parser, readFileSync(args.bigFile, 'utf8'), args.edits);
  process.stdout.write(JSON.stringify(result) + '\n');
}

/** Full analysis of the big file, then one-character edits inside function bodies, each re-analysed. */
function editorFigures(parser: Awaited<ReturnType<typeof loadPythonParser>>, text: string, edits: number): Record<string, unknown> {
  const fulls: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    const tree = parser.parse(text);
    analyzeTree(tree, text);
    fulls.push(performance.now() - t0);
    tree.delete();
  }
  const doc = new IncrementalDocument(parser, text);
  doc.analyze();
  const lines = text.split('\n');
  // Edit points: the end of lines inside indented code (a keystroke in a function body).
  const candidates = lines.map((l, i) => [l, i] as const).filter(([l]) => /^\s+\S/.test(l) && !l.trim().startsWith('#')).map(([, i]) => i);
  const totals: number[] = [];
  const parses: number[] = [];
  const analyses: number[] = [];
  let seed = 12345;
  const random = (): number => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  for (let i = 0; i < edits; i++) {
    const line = candidates[Math.floor(random() * candidates.length)]!;
    const character = doc.lineLength(line);
    // Type a space at the end of the line, then delete it: two edits that keep the syntax valid.
    for (const change of [
      { range: { start: { line, character }, end: { line, character } }, text: ' ' },
      { range: { start: { line, character }, end: { line, character: character + 1 } }, text: '' },
    ]) {
      const t0 = performance.now();
      doc.applyChanges([change]);
      void doc.tree; // the incremental re-parse
      const t1 = performance.now();
      doc.analyze();
      const t2 = performance.now();
      parses.push(t1 - t0);
      analyses.push(t2 - t1);
      totals.push(t2 - t0);
    }
  }
  doc.dispose();
  for (const list of [totals, parses, analyses, fulls]) list.sort((a, b) => a - b);
  return {
    lines: lines.length,
    fullAnalysisMsMedian: round(percentile(fulls, 50), 1),
    keystrokes: totals.length,
    reanalysisMsP50: round(percentile(totals, 50), 2),
    reanalysisMsP95: round(percentile(totals, 95), 2),
    reanalysisMsMax: round(totals[totals.length - 1] ?? NaN, 2),
    reparseMsP50: round(percentile(parses, 50), 2),
    reparseMsP95: round(percentile(parses, 95), 2),
    analysisOnlyMsP50: round(percentile(analyses, 50), 2),
    analysisOnlyMsP95: round(percentile(analyses, 95), 2),
  };
}

function round(n: number, digits = 0): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

main().catch((err: unknown) => {
  process.stderr.write(`bench: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exitCode = 1;
});
