import type { CodeAction, Range } from 'vscode-languageserver-protocol';
import type { DocumentStatus } from '../editing/documentStatus';

/**
 * Async Coach's own additions to LSP, shared by the server and the VS Code extension (its client).
 * Other editors need none of them: the server sends them only to a client that asks for them in
 * `initializationOptions`.
 */

/** `source.fixAll.asyncCoach`, for fix on save (`editor.codeActionsOnSave`) and `:lua vim.lsp.buf.code_action`. */
export const FIX_ALL_KIND = 'source.fixAll.asyncCoach';

/** Diagnostic `source`, as the extension has always shown it. */
export const DIAGNOSTIC_SOURCE = 'Async Coach';

/** What a client may ask for in `initializationOptions` beyond `asyncCoach` (the settings). */
export interface CoachInitializationOptions {
  /** Settings for clients without `workspace/configuration`. */
  asyncCoach?: unknown;
  /**
   * The client's own commands for a rule's docs page and its flashcard: the diagnostics' code links,
   * the hover's links and the quick-fix menu then run them (each with the rule code as its argument)
   * instead of opening the docs page's file.
   */
  commands?: { docs: string; study?: string };
  /** Send {@link STATUS_NOTIFICATION} after each analysis (for a status bar item). */
  status?: boolean;
}

/** `asyncCoach/status`: what the server did with a document (checking, checked N, skipped why, failed). */
export const STATUS_NOTIFICATION = 'asyncCoach/status';
export interface StatusParams {
  uri: string;
  /** Undefined when the document closed. */
  status: DocumentStatus | undefined;
}

/** `asyncCoach/analyze`: analyse a document now and publish its diagnostics; answers with the count. */
export const ANALYZE_REQUEST = 'asyncCoach/analyze';
export interface AnalyzeParams {
  uri: string;
}
export interface AnalyzeResult {
  /** Diagnostics published (0 when the document was skipped or is not open). */
  problems: number;
}

/** `asyncCoach/entryPoints`: where the document starts its program (`asyncio.run(...)`), for "run and show". */
export const ENTRY_POINTS_REQUEST = 'asyncCoach/entryPoints';
export interface EntryPointsParams {
  uri: string;
}
export type EntryPointsResult = Range[];

/** The `data` of the fix-all code action: how many fixes its edit applies. */
export interface FixAllData {
  applied: number;
}

/** The number of fixes a fix-all action applies (0 when it carries no count). */
export function fixAllCount(action: Pick<CodeAction, 'data'>): number {
  const applied = (action.data as Partial<FixAllData> | undefined)?.applied;
  return typeof applied === 'number' ? applied : 0;
}

/** A `command:` URI running `command` with `args` (what VS Code opens from markdown and diagnostic code links). */
export function commandUri(command: string, args: readonly unknown[]): string {
  return `command:${command}?${encodeURIComponent(JSON.stringify(args))}`;
}
