/**
 * Plain data shared by the analysis, the CLI and the editor adapter. Positions are 0-based and
 * measured in UTF-16 code units, like LSP and VS Code; the CLI adds 1 when it prints them.
 */

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export type Severity = 'error' | 'warning' | 'information' | 'hint';

/** The longest diagnostic message: Ruff's and pyright's messages fit in it, and so does a Problems panel row. */
export const MAX_MESSAGE_LENGTH = 120;

/** The stable public rule codes: users write them in `# noqa` comments and in settings. */
export type RuleCode = 'ACO101' | 'ACO102' | 'ACO201' | 'ACO202' | 'ACO301' | 'ACO302' | 'ACO303' | 'ACO304' | 'ACO305';

export interface TextEdit {
  range: Range;
  newText: string;
}

/**
 * Whether applying a fix keeps the program's behaviour apart from the bug it removes (Ruff's fix
 * applicability is the model). `safe`: fix-all, fix on save and `--fix` may apply it unasked.
 * `unsafe`: it changes behaviour or timing (calls run together, work moves to a thread, a task's
 * owner changes), so it is only offered, one click away in the quick-fix menu or with `--unsafe-fixes`.
 */
export type FixApplicability = 'safe' | 'unsafe';

/** A quick fix expressed as plain text edits over the analysed source. */
export interface Fix {
  title: string;
  edits: TextEdit[];
  applicability: FixApplicability;
  /** The fix an editor shows first and applies on "auto fix"; only ever set on a safe fix. */
  isPreferred?: boolean;
}

export interface RelatedLocation {
  range: Range;
  message: string;
  /** Absent when the location is in the same file. */
  path?: string;
}

export interface Finding {
  code: RuleCode;
  name: string;
  severity: Severity;
  /** What is wrong, in one sentence of at most {@link MAX_MESSAGE_LENGTH} characters (the Problems panel's line). */
  message: string;
  /** Why it matters here and what to do, for this very finding: the hover shows it above the docs page's excerpt. */
  detail?: string;
  range: Range;
  fixes: Fix[];
  related: RelatedLocation[];
}

/** What every rule declares about itself, for docs, settings, the CLI and flashcard links. */
export interface RuleMeta {
  code: RuleCode;
  /** kebab-case, stable. */
  name: string;
  defaultSeverity: Severity;
  /** One line: what the rule flags. */
  summary: string;
  /** Basename of the rule's docs page in `media/docs/`. */
  docsSlug: string;
  /** The flashcard that teaches the idea behind the rule, once decks exist. */
  cardId?: string;
  /**
   * The rule runs only when asked for by its full code: in `select` / `extend-select` (pyproject,
   * CLI) or with a severity other than `off` (pyproject `severity`, the editor's `asyncCoach.severity`).
   * Prefixes such as `ACO3` never turn it on, so a configuration keeps its meaning when rules are added.
   */
  offByDefault?: boolean;
  /**
   * A suggestion test code rarely wants (test setup is ordered on purpose and its speed seldom
   * matters): off in test files unless the user includes them (`concurrency-in-tests`).
   */
  offInTests?: boolean;
}
