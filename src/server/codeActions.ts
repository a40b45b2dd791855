import { CodeActionKind, type CodeAction, type Diagnostic, type TextEdit as LspTextEdit } from 'vscode-languageserver';
import type { PythonParser } from '../analysis/parser';
import type { Finding, Fix, TextEdit } from '../analysis/types';
import { disableForFileEdit, disableForLineEdit } from '../editing/noqaEdits';
import { studyTitle } from '../editing/studyTitle';
import { builtinCards } from '../flashcards/builtinDeck';
import { ALL_RULES } from '../analysis/rules';
import { combineVerifiedFixes, fixKeepsSyntax, type ParsedText } from '../editing/verifyFix';
import { sameRange } from './convert';
import { DIAGNOSTIC_SOURCE, FIX_ALL_KIND, type CoachInitializationOptions, type FixAllData } from './protocol';

export { FIX_ALL_KIND } from './protocol';

/** The server's own command: opens a rule's docs page (`window/showDocument`). */
export const OPEN_RULE_DOCS_COMMAND = 'asyncCoach.server.openRuleDocs';

/** What the last analysis of a document saw and found. */
export interface AnalysedText extends ParsedText {
  readonly findings: readonly Finding[];
}

/** True when `kind` is asked for by `only` (a kind asks for itself and every kind below it). */
export function kindRequested(only: readonly string[] | undefined, kind: string): boolean {
  return only === undefined || only.some((k) => k === '' || k === kind || kind.startsWith(`${k}.`));
}

/** The client's commands for a rule's docs and flashcard (see {@link CoachInitializationOptions}). */
export type ClientCommands = NonNullable<CoachInitializationOptions['commands']>;

/**
 * The quick-fix menu in the order the extension has always given (vscode-eslint's): the fix(es),
 * fix all of this rule in the file, disable for this line, disable for the file, the rule's docs,
 * and (for a client with a study command) the rule's flashcard. Each fix is offered only if its
 * result still parses. `verified` caches that check per fix.
 */
export function quickFixes(
  parser: PythonParser,
  uri: string,
  analysis: AnalysedText,
  diagnostics: readonly Diagnostic[],
  verified: WeakMap<Fix, boolean>,
  commands?: ClientCommands,
): CodeAction[] {
  const actions: CodeAction[] = [];
  const seenCodes = new Set<string>();
  for (const diagnostic of diagnostics) {
    if (diagnostic.source !== DIAGNOSTIC_SOURCE) continue;
    const finding = analysis.findings.find((f) => f.code === diagnostic.code && sameRange(f.range, diagnostic.range));
    if (!finding) continue;
    for (const fix of finding.fixes) {
      let ok = verified.get(fix);
      if (ok === undefined) verified.set(fix, (ok = fixKeepsSyntax(parser, analysis, fix.edits)));
      if (!ok) continue;
      actions.push({ title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: fix.isPreferred ?? false, edit: editFor(uri, fix.edits) });
    }
    if (seenCodes.has(finding.code)) continue;
    seenCodes.add(finding.code);
    // Asked for by name, so the rule's unsafe rewrites (gather, TaskGroup, to_thread) are included.
    const sameRule = analysis.findings.filter((f) => f.code === finding.code && f.fixes.length > 0);
    if (sameRule.length > 1) {
      const { edits } = combineVerifiedFixes(parser, analysis, sameRule, true);
      actions.push({ title: `Fix all ${finding.code} problems in this file`, kind: CodeActionKind.QuickFix, edit: editFor(uri, edits) });
    }
    const lineEdit = disableForLineEdit(analysis.text, analysis.tree, finding.range.start.line, finding.code);
    if (lineEdit) actions.push({ title: `Disable ${finding.code} for this line`, kind: CodeActionKind.QuickFix, edit: editFor(uri, [lineEdit]) });
    const fileEdit = disableForFileEdit(analysis.text, finding.code);
    if (fileEdit) actions.push({ title: `Disable ${finding.code} for the entire file`, kind: CodeActionKind.QuickFix, edit: editFor(uri, [fileEdit]) });
    const title = `Show documentation for ${finding.code} ${finding.name}`;
    actions.push({ title, kind: CodeActionKind.QuickFix, command: { title, command: commands?.docs ?? OPEN_RULE_DOCS_COMMAND, arguments: [finding.code] } });
    if (commands?.study) {
      const cardId = ALL_RULES.find((r) => r.meta.code === finding.code)?.meta.cardId;
      const study = studyTitle(finding, builtinCards().find((c) => c.id === cardId));
      actions.push({ title: study, kind: CodeActionKind.QuickFix, command: { title: study, command: commands.study, arguments: [finding.code] } });
    }
  }
  return actions;
}

/** One action applying the primary safe fix of every finding (overlapping ones wait for the next run), or none. */
export function fixAllAction(parser: PythonParser, uri: string, analysis: AnalysedText): CodeAction | undefined {
  const { edits, applied } = combineVerifiedFixes(parser, analysis, analysis.findings);
  if (applied === 0) return undefined;
  const data: FixAllData = { applied };
  return { title: `Fix all auto-fixable Async Coach problems (${applied})`, kind: FIX_ALL_KIND, edit: editFor(uri, edits), data };
}

function editFor(uri: string, edits: readonly TextEdit[]): { changes: Record<string, LspTextEdit[]> } {
  return { changes: { [uri]: edits.map((e) => ({ range: e.range, newText: e.newText })) } };
}
