// Expands a snippet body to the text VS Code inserts when the user accepts every default: the
// first default of a tabstop fills all its other occurrences (mirrors), a choice shows its first
// option, variables resolve (or fall back to their default), escapes are removed. Pure: used by
// the tests to compile, run and lint every snippet without an editor.
import { parseSnippet, type SnippetNode, type TabstopNode, type VariableNode } from './grammar';
import { applyTransform } from './transform';
import { KNOWN_SNIPPET_VARIABLES } from './variables';

export interface ExpandOptions {
  /** Values of VS Code's snippet variables (`TM_FILENAME`, ...). A known name left out has no value. */
  variables?: Readonly<Record<string, string>>;
  /** Text typed at a tabstop: it replaces the default at every occurrence, as mirrors do in the editor. */
  values?: Readonly<Record<number, string>>;
}

/** One occurrence of a tabstop in the expanded text (offsets, end exclusive). */
export interface TabstopRange {
  index: number;
  start: number;
  end: number;
}

export interface Expansion {
  text: string;
  /** Every occurrence of every tabstop, mirrors included, in document order of their start. */
  tabstops: TabstopRange[];
  /** Where the cursor ends: at `$0`, or at the end when there is none (the editor appends one there). */
  finalCursor: number;
}

/**
 * Expands a snippet body as inserted, before the user tabs through it. Tabstop transforms
 * (`${1/a/b/}`) are applied by the editor only when the user leaves that tabstop, so here they are
 * not; variable transforms are applied, as the editor does on insertion. One difference is
 * deliberate: an unknown variable without a default (which the editor turns into a placeholder
 * showing its name) expands to its name but is not listed among the tabstops.
 */
export function expandSnippet(body: string, options: ExpandOptions = {}): Expansion {
  return expandNodes(parseSnippet(body), options);
}

export function expandNodes(nodes: readonly SnippetNode[], options: ExpandOptions = {}): Expansion {
  const renderer = new Renderer(options);
  renderer.collectDefaults(nodes);
  renderer.render(nodes, undefined);
  const final = renderer.tabstops.find((t) => t.index === 0);
  const tabstops = [...renderer.tabstops].sort((a, b) => a.start - b.start || b.end - a.end);
  return { text: renderer.out, tabstops, finalCursor: final ? final.start : renderer.out.length };
}

class Renderer {
  out = '';
  readonly tabstops: TabstopRange[] = [];
  /** For each index, the children of its first occurrence that has any: the value every mirror shows. */
  private readonly defaults = new Map<number, readonly SnippetNode[]>();
  private readonly definers = new Set<TabstopNode>();

  constructor(private readonly options: ExpandOptions) {}

  collectDefaults(nodes: readonly SnippetNode[]): void {
    for (const node of nodes) {
      if (node.kind === 'tabstop' && node.index !== 0 && node.children.length > 0 && !this.defaults.has(node.index)) {
        this.defaults.set(node.index, node.children);
        this.definers.add(node);
      }
      if (node.kind === 'tabstop' || node.kind === 'variable') this.collectDefaults(node.children);
    }
  }

  /**
   * `mirrorStack` is undefined while rendering the snippet's own tree and, inside a copied default,
   * the indexes being filled: a default that contains its own tabstop stops there instead of
   * recursing forever (the editor leaves that inner occurrence as it is).
   */
  render(nodes: readonly SnippetNode[], mirrorStack: ReadonlySet<number> | undefined): void {
    for (const node of nodes) {
      switch (node.kind) {
        case 'text':
          this.out += node.value;
          break;
        case 'choice':
          this.out += node.options[0] ?? '';
          break;
        case 'variable':
          this.renderVariable(node, mirrorStack);
          break;
        case 'tabstop':
          this.renderTabstop(node, mirrorStack);
          break;
      }
    }
  }

  private renderTabstop(node: TabstopNode, mirrorStack: ReadonlySet<number> | undefined): void {
    const start = this.out.length;
    const typed = node.index === 0 ? undefined : this.options.values?.[node.index];
    const fill = node.index === 0 ? undefined : this.defaults.get(node.index);
    if (typed !== undefined) {
      this.out += typed;
    } else if (mirrorStack === undefined) {
      if (fill && !this.definers.has(node)) this.render(fill, new Set());
      else this.render(node.children, undefined);
    } else if (fill && !mirrorStack.has(node.index)) {
      this.render(fill, new Set([...mirrorStack, node.index]));
    } else {
      this.render(node.children, mirrorStack);
    }
    this.tabstops.push({ index: node.index, start, end: this.out.length });
  }

  private renderVariable(node: VariableNode, mirrorStack: ReadonlySet<number> | undefined): void {
    const known = KNOWN_SNIPPET_VARIABLES.has(node.name);
    if (!known && node.children.length === 0) {
      this.out += node.name;
      return;
    }
    const value = known ? this.options.variables?.[node.name] : undefined;
    if (node.transform) this.out += applyTransform(node.transform, value ?? '');
    else if (value !== undefined) this.out += value;
    else this.render(node.children, mirrorStack);
  }
}
