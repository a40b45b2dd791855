import * as vscode from 'vscode';
import { ALL_RULES } from '../analysis/rules';
import type { RuleCode, RuleMeta } from '../analysis/types';

/** The rule docs pages shipped in media/docs: their URIs, their text (cached), and how to open them. */
export class RuleDocs {
  private readonly cache = new Map<RuleCode, string>();

  constructor(private readonly extensionUri: vscode.Uri) {}

  meta(code: RuleCode): RuleMeta | undefined {
    return ALL_RULES.find((r) => r.meta.code === code)?.meta;
  }

  uri(code: RuleCode): vscode.Uri {
    const slug = this.meta(code)?.docsSlug ?? code;
    return vscode.Uri.joinPath(this.extensionUri, 'media', 'docs', `${slug}.md`);
  }

  /** The page's markdown, or undefined if it cannot be read (the hover then shows less, not an error). */
  async text(code: RuleCode): Promise<string | undefined> {
    const cached = this.cache.get(code);
    if (cached !== undefined) return cached;
    try {
      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(this.uri(code)));
      this.cache.set(code, text);
      return text;
    } catch {
      return undefined;
    }
  }

  /** Opens the page rendered (Markdown preview, offline), or as text if the preview is unavailable. */
  async open(code: RuleCode): Promise<void> {
    const uri = this.uri(code);
    try {
      await vscode.commands.executeCommand('markdown.showPreview', uri);
    } catch {
      await vscode.window.showTextDocument(uri, { preview: true });
    }
  }
}
