import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ALL_RULES } from '../analysis/rules';
import type { RuleCode } from '../analysis/types';

/** The rule docs pages shipped with the package (`media/docs/<slug>.md`): their URIs and their text. */
export class RuleDocsFiles {
  private readonly cache = new Map<RuleCode, string | undefined>();

  constructor(private readonly dir: string) {}

  /** The page's `file:` URI. */
  href(code: RuleCode): string {
    return pathToFileURL(this.file(code)).href;
  }

  /** The page's markdown, or undefined when it cannot be read (the hover then shows less, not an error). */
  async text(code: RuleCode): Promise<string | undefined> {
    if (!this.cache.has(code)) this.cache.set(code, await readFile(this.file(code), 'utf8').catch(() => undefined));
    return this.cache.get(code);
  }

  private file(code: RuleCode): string {
    const slug = ALL_RULES.find((r) => r.meta.code === code)?.meta.docsSlug ?? code;
    return path.join(this.dir, `${slug}.md`);
  }
}
