import type { Finding } from '../analysis/types';

/** The `## Heading` sections of a rule docs page, keyed by heading text. */
export function docSections(markdown: string): Map<string, string> {
  const sections = new Map<string, string>();
  let current: string | undefined;
  let lines: string[] = [];
  let inFence = false;
  const flush = (): void => {
    if (current !== undefined) sections.set(current, lines.join('\n').trim());
  };
  for (const line of markdown.split(/\r?\n/)) {
    if (line.startsWith('```')) inFence = !inFence;
    const heading = !inFence && /^##\s+(.+?)\s*$/.exec(line);
    if (heading && heading[1]) {
      flush();
      current = heading[1];
      lines = [];
    } else if (current !== undefined) {
      lines.push(line);
    }
  }
  flush();
  return sections;
}

/** The first paragraph of a section (up to a blank line or a code fence). */
function firstParagraph(section: string): string {
  const out: string[] = [];
  for (const line of section.split('\n')) {
    if (line.trim() === '' || line.startsWith('```')) {
      if (out.length > 0) break;
      continue;
    }
    out.push(line);
  }
  return out.join('\n');
}

/** The first fenced code block of a section, fence included. */
function firstCodeBlock(section: string): string | undefined {
  const match = /```[a-z]*\n[\s\S]*?\n```/.exec(section);
  return match?.[0];
}

/** ACO101's time effect: n calls of about a second each, one after another versus together. */
export function timeEffect(finding: Finding): string | undefined {
  if (finding.code !== 'ACO101' && finding.code !== 'ACO102') return undefined;
  if (finding.code === 'ACO102') return 'For n items of about 1 s each: about n s one by one; about 1 s started together.';
  const calls = finding.related.length;
  if (calls < 2) return undefined;
  return `If each of these ${calls} calls takes about 1 s: about ${calls} s one after another → about 1 s together (the slowest, not the sum).`;
}

export interface HoverLinks {
  docs: string;
  /** A command URI that opens the rule's flashcard, when one is linked. */
  study?: string;
}

/**
 * Markdown for the hover over a finding: the rule, this finding's own explanation and advice (its
 * `detail`), the time effect for the concurrency rules, what happens at run time and a before/after
 * sample from the rule's docs page, and links to the docs and the card. The Problems panel keeps the
 * one-sentence message; everything longer lives here and on the docs page.
 */
export function hoverMarkdown(finding: Finding, docsMarkdown: string | undefined, links: HoverLinks): string {
  // VS Code already shows the diagnostic's message right above this hover: do not repeat it.
  const parts = [`**${finding.code} ${finding.name}** · ${finding.severity}`];
  const sections = docsMarkdown ? docSections(docsMarkdown) : new Map<string, string>();
  const todo = sections.get('What to do');
  // The finding's own advice names its code; the docs page's is the general rule.
  const advice = finding.detail ?? (todo ? `**What to do:** ${firstParagraph(todo)}` : undefined);
  if (advice) parts.push('', advice);
  const effect = timeEffect(finding);
  if (effect) parts.push('', `**Time:** ${effect}`);
  const runtime = sections.get('What happens at run time');
  if (runtime) parts.push('', `**At run time:** ${firstParagraph(runtime)}`);
  const sample = todo ? firstCodeBlock(todo) : undefined;
  if (sample) parts.push('', sample);
  const linkLine = [`[Rule documentation](${links.docs})`];
  if (links.study) linkLine.push(`[Study this card](${links.study})`);
  parts.push('', linkLine.join(' · '));
  return parts.join('\n');
}
