import * as vscode from 'vscode';
import { hoverMarkdown } from '../editing/hoverText';
import { COMMANDS } from './commandIds';
import { toRange } from './convert';
import type { DiagnosticsController } from './diagnostics';
import type { RuleDocs } from './ruleDocs';

/**
 * Explains a finding where it is: what happens at run time, why, what to do, with a sample from the
 * rule's docs page and links to the full page and the flashcard.
 */
export class CoachHover implements vscode.HoverProvider {
  constructor(
    private readonly diagnostics: DiagnosticsController,
    private readonly docs: RuleDocs,
  ) {}

  async provideHover(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | undefined> {
    const analysis = this.diagnostics.current(document);
    if (!analysis) return undefined;
    const here = analysis.findings.filter((f) => toRange(f.range).contains(position));
    if (here.length === 0) return undefined;
    const contents: vscode.MarkdownString[] = [];
    for (const finding of here) {
      const docsText = await this.docs.text(finding.code);
      const args = encodeURIComponent(JSON.stringify([finding.code]));
      const md = new vscode.MarkdownString(
        hoverMarkdown(finding, docsText, {
          docs: this.docs.link(finding.code).toString(),
          study: `command:${COMMANDS.studyRule}?${args}`,
        }),
      );
      // Only our own two commands may run from the hover's links.
      md.isTrusted = { enabledCommands: [COMMANDS.showRuleDocs, COMMANDS.studyRule] };
      contents.push(md);
    }
    const first = here[0];
    return new vscode.Hover(contents, first ? toRange(first.range) : undefined);
  }
}
