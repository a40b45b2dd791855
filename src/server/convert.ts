import { pathToFileURL } from 'node:url';
import { DiagnosticSeverity, type Diagnostic, type Range } from 'vscode-languageserver';
import type { Finding, Severity } from '../analysis/types';
import { DIAGNOSTIC_SOURCE } from './protocol';


/** The LSP severity of a finding's severity. */
export function toLspSeverity(s: Severity): DiagnosticSeverity {
  switch (s) {
    case 'error':
      return DiagnosticSeverity.Error;
    case 'warning':
      return DiagnosticSeverity.Warning;
    case 'information':
      return DiagnosticSeverity.Information;
    default:
      return DiagnosticSeverity.Hint;
  }
}

/**
 * A finding as an LSP diagnostic: the code links to the rule's docs page (vscode-eslint's
 * `{ value, target }` becomes `codeDescription.href`), related places carry their file.
 * Positions are already LSP's (0-based, UTF-16).
 */
export function toDiagnostic(finding: Finding, documentUri: string, docsHref: (code: Finding['code']) => string): Diagnostic {
  const diagnostic: Diagnostic = {
    range: finding.range,
    severity: toLspSeverity(finding.severity),
    code: finding.code,
    codeDescription: { href: docsHref(finding.code) },
    source: DIAGNOSTIC_SOURCE,
    message: finding.message,
  };
  if (finding.related.length > 0) {
    diagnostic.relatedInformation = finding.related.map((r) => ({ location: { uri: r.path ? pathToFileURL(r.path).href : documentUri, range: r.range }, message: r.message }));
  }
  return diagnostic;
}

/** True when two ranges are the same. */
export function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

/** True when the position lies in the range (ends included, as hovers expect). */
export function rangeContains(range: Range, position: Range['start']): boolean {
  const after = (a: Range['start'], b: Range['start']): boolean => a.line > b.line || (a.line === b.line && a.character >= b.character);
  return after(position, range.start) && after(range.end, position);
}
