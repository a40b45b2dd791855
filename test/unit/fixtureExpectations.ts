import type { Finding, RuleCode } from '../../src/analysis/types';

/**
 * Fixture convention: a line of a `.py` fixture that must produce a finding ends with
 * `# expect: CODE[, CODE]`. Every other line must produce none of the codes under test.
 */
export function expectedFindings(source: string): Map<number, RuleCode[]> {
  const expected = new Map<number, RuleCode[]>();
  source.split('\n').forEach((line, index) => {
    const match = /#\s*expect:\s*([A-Z0-9, ]+)\s*$/.exec(line);
    if (match?.[1]) expected.set(index, match[1].split(',').map((c) => c.trim()).filter(Boolean) as RuleCode[]);
  });
  return expected;
}

/** Lines (0-based) and codes of findings, in the same shape, for a readable deepEqual. */
export function actualFindings(findings: readonly Finding[]): Map<number, RuleCode[]> {
  const actual = new Map<number, RuleCode[]>();
  for (const f of findings) actual.set(f.range.start.line, [...(actual.get(f.range.start.line) ?? []), f.code]);
  return actual;
}

/** Applies non-overlapping text edits to a source: the product's own function, so tests apply fixes as `--fix` does. */
export { applyEdits } from '../../src/editing/applyEdits';
