import * as vscode from 'vscode';
import { ALL_RULES, isRuleCode } from '../analysis/rules';
import type { RuleCode, RuleMeta } from '../analysis/types';

/** Scheme of the read-only copies of the docs pages, for when the Markdown preview is not there. */
const READ_ONLY_SCHEME = 'async-coach-docs';

/** The rule docs pages shipped in media/docs: their URIs, their text (cached), and how to open them. */
export class RuleDocs implements vscode.Disposable {
  private readonly cache = new Map<RuleCode, string>();
  private readonly provider: vscode.Disposable;

  constructor(private readonly extensionUri: vscode.Uri) {
    this.provider = vscode.workspace.registerTextDocumentContentProvider(READ_ONLY_SCHEME, {
      provideTextDocumentContent: async (uri) => {
        const code = uri.path.replace(/^\//, '').replace(/\.md$/, '');
        return (isRuleCode(code) ? await this.text(code) : undefined) ?? `No Async Coach docs page for ${code}.`;
      },
    });
  }

  dispose(): void {
    this.provider.dispose();
  }

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

  /**
   * Opens the page rendered and read-only (the built-in Markdown preview, offline). Without the
   * preview it opens as a read-only document, never as an editable file of the installed extension.
   */
  async open(code: RuleCode): Promise<void> {
    const uri = this.uri(code);
    try {
      await vscode.commands.executeCommand('markdown.showPreview', uri);
    } catch {
      await vscode.window.showTextDocument(vscode.Uri.from({ scheme: READ_ONLY_SCHEME, path: `/${code}.md` }), { preview: true });
    }
  }
}
