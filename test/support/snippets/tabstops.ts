// A summary of a snippet's tabstops, for checks that they are numbered and filled sensibly.
import { expandNodes } from './expand';
import type { SnippetNode } from './grammar';

export interface TabstopSummary {
  index: number;
  occurrences: number;
  /** The expanded default of every occurrence that has one, in document order. */
  defaults: string[];
  /** The options of every occurrence that is a choice. */
  choices: string[][];
  /** True when some occurrence sits inside another tabstop's default. */
  nested: boolean;
}

export function summarizeTabstops(nodes: readonly SnippetNode[]): Map<number, TabstopSummary> {
  const summary = new Map<number, TabstopSummary>();
  const visit = (list: readonly SnippetNode[], depth: number): void => {
    for (const node of list) {
      if (node.kind === 'variable') visit(node.children, depth);
      if (node.kind !== 'tabstop') continue;
      let entry = summary.get(node.index);
      if (!entry) {
        entry = { index: node.index, occurrences: 0, defaults: [], choices: [], nested: false };
        summary.set(node.index, entry);
      }
      entry.occurrences++;
      entry.nested ||= depth > 0;
      const choice = node.children.length === 1 && node.children[0]?.kind === 'choice' ? node.children[0] : undefined;
      if (choice) entry.choices.push(choice.options);
      else if (node.children.length > 0) entry.defaults.push(expandNodes(node.children).text);
      visit(node.children, depth + 1);
    }
  };
  visit(nodes, 0);
  return summary;
}

/** Names of every variable the snippet uses. */
export function variableNames(nodes: readonly SnippetNode[]): string[] {
  const names: string[] = [];
  for (const node of nodes) {
    if (node.kind === 'variable') names.push(node.name);
    if (node.kind === 'variable' || node.kind === 'tabstop') names.push(...variableNames(node.children));
  }
  return names;
}
