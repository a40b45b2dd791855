import * as vscode from 'vscode';
import type { Finding, Position, Range, Severity, TextEdit } from '../analysis/types';

/** The one place where analysis positions (0-based, UTF-16) become VS Code objects. */
export function toPosition(p: Position): vscode.Position {
  return new vscode.Position(p.line, p.character);
}

export function toRange(r: Range): vscode.Range {
  return new vscode.Range(toPosition(r.start), toPosition(r.end));
}

export function fromRange(r: vscode.Range): Range {
  return { start: { line: r.start.line, character: r.start.character }, end: { line: r.end.line, character: r.end.character } };
}

export function toSeverity(s: Severity): vscode.DiagnosticSeverity {
  switch (s) {
    case 'error':
      return vscode.DiagnosticSeverity.Error;
    case 'warning':
      return vscode.DiagnosticSeverity.Warning;
    case 'information':
      return vscode.DiagnosticSeverity.Information;
    default:
      return vscode.DiagnosticSeverity.Hint;
  }
}

export function toTextEdit(e: TextEdit): vscode.TextEdit {
  return new vscode.TextEdit(toRange(e.range), e.newText);
}

/** Diagnostic `source`, shown in the Problems panel and the hover. */
export const DIAGNOSTIC_SOURCE = 'Async Coach';

/** A diagnostic that remembers its finding, so code actions can offer the finding's fixes. */
export class CoachDiagnostic extends vscode.Diagnostic {
  constructor(
    readonly finding: Finding,
    /** Where the rule code in the Problems panel and the editor's hover leads. */
    docsLink: vscode.Uri,
    documentUri: vscode.Uri,
  ) {
    super(toRange(finding.range), finding.message, toSeverity(finding.severity));
    this.source = DIAGNOSTIC_SOURCE;
    this.code = { value: finding.code, target: docsLink };
    if (finding.related.length > 0) {
      this.relatedInformation = finding.related.map(
        (r) => new vscode.DiagnosticRelatedInformation(new vscode.Location(r.path ? vscode.Uri.file(r.path) : documentUri, toRange(r.range)), r.message),
      );
    }
  }
}
