/**
 * A plain-JS copy of the parts of the tree-sitter tree the rules read. Reading a tree-sitter node
 * crosses into WebAssembly on every property access, so the analysis copies each region it needs
 * once, with one cursor walk (see `mirror.ts`), and every rule then works on these objects.
 *
 * Kept: named nodes (with their field name in the parent) and, as a flag, the `async` keyword of
 * `async def`, `async for`, `async with` and async comprehensions. Dropped: punctuation, operators,
 * the literal pieces of strings (interpolations are kept) and comments (listed on the side).
 */
/**
 * The text the copied nodes point into. One holder per document: when an editor keeps copied
 * statements between analyses, it points the holder at the new text and shifts the nodes.
 */
export interface SourceRef {
  text: string;
}

/**
 * The origin the offsets of one copied statement are relative to. Moving a reused statement to
 * its new offset is then one addition, however many nodes it holds.
 */
export interface Anchor {
  offset: number;
}

export class PyNode {
  readonly children: PyNode[] = [];
  parent: PyNode | null = null;
  /** Set when the node carries the `async` keyword. */
  isAsync = false;
  /**
   * False for a `def` whose parameters and body have not been copied (yet): the first walk of a
   * file copies only each `def`'s name, and the rest when a rule needs it.
   */
  complete = true;

  private readonly relativeStart: number;
  private readonly relativeEnd: number;

  constructor(
    readonly type: string,
    startIndex: number,
    endIndex: number,
    /** The field this node fills in its parent (`body`, `function`, `left`...), or null. */
    readonly field: string | null,
    private readonly source: SourceRef,
    /** Shared by the nodes of one copied statement (see {@link PyNode.shift}). */
    readonly anchor: Anchor = { offset: 0 },
  ) {
    this.relativeStart = startIndex - anchor.offset;
    this.relativeEnd = endIndex - anchor.offset;
  }

  /** Offset of the node's first character, in UTF-16 code units. */
  get startIndex(): number {
    return this.anchor.offset + this.relativeStart;
  }

  /** Offset just past the node's last character. */
  get endIndex(): number {
    return this.anchor.offset + this.relativeEnd;
  }

  private yieldWord: boolean | undefined;

  /**
   * True when the word `yield` appears in the node's text (a cheap, conservative test for a
   * generator: it may be in a nested function or a string). Remembered: a copied node's text
   * never changes, even when an editor reuses the node at another offset.
   */
  get mentionsYield(): boolean {
    this.yieldWord ??= /\byield\b/.test(this.text);
    return this.yieldWord;
  }

  /**
   * Moves every node sharing this node's anchor (a whole copied statement) by `delta` characters,
   * when an editor reuses the copy after text was inserted or removed before it.
   */
  shift(delta: number): void {
    this.anchor.offset += delta;
  }

  /** The source text of the node. */
  get text(): string {
    return this.source.text.slice(this.startIndex, this.endIndex);
  }

  /** The first child in `field`, if any. */
  child(field: string): PyNode | undefined {
    for (const c of this.children) if (c.field === field) return c;
    return undefined;
  }

  /** Every child in `field`. */
  childrenIn(field: string): PyNode[] {
    return this.children.filter((c) => c.field === field);
  }

  /** The first child of one of `types`, whatever its field. */
  firstOfType(...types: string[]): PyNode | undefined {
    for (const c of this.children) if (types.includes(c.type)) return c;
    return undefined;
  }

  /** True when `other` lies inside this node (or is this node). */
  contains(other: PyNode): boolean {
    return other.startIndex >= this.startIndex && other.endIndex <= this.endIndex;
  }

  /** Every descendant (pre-order), this node excluded; `enter` may return false to skip a subtree. */
  *descendants(enter?: (n: PyNode) => boolean): Generator<PyNode> {
    const stack: PyNode[] = [...this.children].reverse();
    while (stack.length > 0) {
      const n = stack.pop()!;
      yield n;
      if (enter && !enter(n)) continue;
      for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]!);
    }
  }
}

/** Node types whose code runs somewhere else than the surrounding statements: a call site decides when. */
export const DEFERRED_TYPES: ReadonlySet<string> = new Set(['function_definition', 'lambda', 'class_definition']);

/** Strips redundant parentheses: `((x))` -> `x`. */
export function unparenthesize(node: PyNode): PyNode {
  let n = node;
  while (n.type === 'parenthesized_expression' && n.children.length === 1) n = n.children[0]!;
  return n;
}

/** The node a value flows into, skipping the parentheses around it. */
export function valueParent(node: PyNode): { parent: PyNode | null; child: PyNode } {
  let child = node;
  let parent = node.parent;
  while (parent && parent.type === 'parenthesized_expression') {
    child = parent;
    parent = parent.parent;
  }
  return { parent, child };
}

/** The dotted text of a name or attribute chain made only of identifiers (`a.b.c`), else undefined. */
export function dottedName(node: PyNode | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type === 'identifier') return node.text;
  if (node.type === 'attribute') {
    const object = node.child('object');
    const attr = node.child('attribute');
    const base = object ? dottedName(unparenthesize(object)) : undefined;
    return base && attr ? `${base}.${attr.text}` : undefined;
  }
  return undefined;
}

/** The leftmost node of an attribute / call / subscript chain: `a` in `a.b(c).d[e]`. */
export function chainRoot(node: PyNode): PyNode {
  let n = unparenthesize(node);
  for (;;) {
    const next = n.type === 'attribute' ? n.child('object') : n.type === 'call' ? n.child('function') : n.type === 'subscript' ? n.child('value') : undefined;
    if (!next) return n;
    n = unparenthesize(next);
  }
}
