import { analyzeTree, countSyntaxErrors, type AnalyzeOptions } from '../analysis/analyzer';
import type { PythonParser } from '../analysis/parser';
import type { Finding } from '../analysis/types';
import { applyEdits } from '../editing/applyEdits';
import { combineVerifiedFixes } from '../editing/verifyFix';

/** Passes after which a file whose fixes keep producing new fixes is left as it is then. */
const MAX_PASSES = 10;

/** What fixing one file's text gave. */
export interface FixedText {
  /** The text after every pass (the input when nothing applied). */
  text: string;
  /** The findings whose fixes were applied, over all passes. */
  fixed: Finding[];
  /** Findings whose fix would have broken the syntax: not applied (a bug of the fix, worth a report). */
  broken: Finding[];
  /** The findings of the final text. */
  remaining: Finding[];
  /** The text does not parse: nothing was fixed. */
  syntaxErrors: boolean;
  /** Fixes still applied after {@link MAX_PASSES} passes. */
  converged: boolean;
}

/**
 * Applies the primary fixes of a text until no more apply (a fix can reveal another, and
 * overlapping ones wait for the next pass). Each pass re-analyses the text and checks the
 * combined edits by re-parsing (see combineVerifiedFixes), so a text that parsed still parses.
 * A text that does not parse is left alone, as Ruff does.
 */
export function fixText(parser: PythonParser, source: string, options: AnalyzeOptions, allowUnsafe: boolean): FixedText {
  let text = source;
  let tree = parser.parse(text);
  const fixed: Finding[] = [];
  const broken = new Map<string, Finding>();
  try {
    for (let pass = 0; ; pass++) {
      const { findings } = analyzeTree(tree, text, options);
      if (countSyntaxErrors(tree) > 0) return { text, fixed, broken: [...broken.values()], remaining: findings, syntaxErrors: true, converged: true };
      const combined = pass < MAX_PASSES ? combineVerifiedFixes(parser, { text, tree }, findings, allowUnsafe) : undefined;
      for (const f of combined?.broken ?? []) broken.set(`${f.code} ${f.message}`, f);
      if (!combined || combined.applied === 0) return { text, fixed, broken: [...broken.values()], remaining: findings, syntaxErrors: false, converged: combined !== undefined };
      text = applyEdits(text, combined.edits);
      fixed.push(...combined.fixed);
      tree.delete();
      tree = parser.parse(text);
    }
  } finally {
    tree.delete();
  }
}
