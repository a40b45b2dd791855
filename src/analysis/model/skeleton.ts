import type { Tree, TreeCursor } from 'web-tree-sitter';
import { mirrorNode, type GrammarTables, type MirrorSink } from '../syntax/mirror';
import { PyNode, type Anchor, type SourceRef } from '../syntax/pyNode';

/**
 * Copies of a document's top-level statements, kept between analyses so that after a keystroke
 * only the statement that changed is copied out of the tree again. A statement's copy depends
 * only on its text, so an unchanged statement is reused and shifted to its new offset, with the
 * function bodies copied for earlier analyses. Owned by one document (see IncrementalDocument).
 */
export interface SkeletonCache {
  /** The text every cached node reads from, repointed at each analysis. */
  readonly source: SourceRef;
  entries: Map<string, SkeletonEntry[]>;
}

/** One cached top-level statement. */
export interface SkeletonEntry {
  readonly node: PyNode;
  /** Comments inside the statement (shifted with it). */
  readonly comments: [number, number][];
  /** For a class copied member by member: its members' entries, kept alive while the class is reused whole. */
  readonly members?: readonly (readonly [string, SkeletonEntry])[];
  /** The statement's hint words (see unitSelection.ts), computed once. */
  hints?: readonly string[];
}

export function createSkeletonCache(): SkeletonCache {
  return { source: { text: '' }, entries: new Map() };
}

/** The copied top level of a file, with the comments seen and the `def`s left incomplete. */
export interface Skeleton {
  readonly root: PyNode;
  /** The text holder every node of this skeleton reads from. */
  readonly source: SourceRef;
  /** Statement -> its entry: comments found later (in function bodies) are recorded there. */
  readonly entryOf: Map<PyNode, SkeletonEntry>;
}

/**
 * Copies the top-level statements of `tree` (reusing `cache` entries whose text is unchanged),
 * deferring every `def`'s parameters and body. A changed top-level class is copied member by
 * member, so that editing one method re-copies that method only. `comments` receives the comments
 * of the copied parts.
 */
export function buildSkeleton(tree: Tree, source: string, tables: GrammarTables, comments: [number, number][], cache: SkeletonCache | undefined): Skeleton {
  const ref: SourceRef = cache ? cache.source : { text: source };
  ref.text = source;
  const rootNode = tree.rootNode;
  const root = new PyNode(rootNode.type, rootNode.startIndex, rootNode.endIndex, null, ref);
  const copier = new StatementCopier(tree.walk(), source, ref, tables, cache?.entries ?? new Map<string, SkeletonEntry[]>(), comments);
  try {
    copier.copyChildren(root, true);
  } finally {
    copier.cursor.delete();
  }
  if (cache) cache.entries = copier.kept;
  comments.sort((a, b) => a[0] - b[0]);
  return { root, source: ref, entryOf: copier.entryOf };
}

class StatementCopier {
  readonly entryOf = new Map<PyNode, SkeletonEntry>();
  readonly kept = new Map<string, SkeletonEntry[]>();
  /** Nodes reused in this build so far. */
  private readonly placed = new Set<PyNode>();

  constructor(
    readonly cursor: TreeCursor,
    private readonly source: string,
    private readonly ref: SourceRef,
    private readonly tables: GrammarTables,
    private readonly reusable: Map<string, SkeletonEntry[]>,
    private readonly comments: [number, number][],
  ) {}

  /**
   * Copies the statements under the cursor's node into `parent`; `top` lets classes be copied
   * member by member. Returns the entries made or reused, with their keys.
   */
  copyChildren(parent: PyNode, top: boolean, comments: [number, number][] = this.comments): (readonly [string, SkeletonEntry])[] {
    const { cursor, tables } = this;
    const entries: (readonly [string, SkeletonEntry])[] = [];
    if (!cursor.gotoFirstChild()) return entries;
    do {
      const typeId = cursor.nodeTypeId;
      if (typeId === tables.comment) {
        comments.push([cursor.startIndex, cursor.endIndex]);
        continue;
      }
      if (!tables.keep[typeId]) continue;
      const start = cursor.startIndex;
      const key = this.source.slice(start, cursor.endIndex);
      let entry = this.reuse(key);
      if (entry) {
        const delta = start - entry.node.startIndex;
        if (delta !== 0) {
          entry.node.shift(delta);
          // A class reused whole moves its members' own anchors too.
          for (const [, member] of entry.members ?? []) member.node.shift(delta);
          for (const c of entry.comments) {
            c[0] += delta;
            c[1] += delta;
          }
        }
        entry.node.parent = parent;
        parent.children.push(entry.node);
        for (const [memberKey, member] of entry.members ?? []) this.register(memberKey, member);
      } else if (top && this.isClass()) {
        entry = this.copyClass(parent);
      } else {
        const sink: MirrorSink = { comments: [], deferred: [] };
        const node = mirrorNode(cursor, parent, this.ref, tables, sink, true, { offset: start });
        if (!node) continue;
        entry = { node, comments: sink.comments };
      }
      comments.push(...entry.comments);
      this.register(key, entry);
      entries.push([key, entry]);
    } while (cursor.gotoNextSibling());
    cursor.gotoParent();
    return entries;
  }

  /**
   * A cached copy of a statement with this text, unless its node (or a member's) is already placed in
   * this build: a member of a class reused whole is also offered on its own (for a changed class with
   * the same member text), and one node must not sit in two places.
   */
  private reuse(key: string): SkeletonEntry | undefined {
    const candidates = this.reusable.get(key);
    while (candidates && candidates.length > 0) {
      const entry = candidates.pop()!;
      const nodes = [entry.node, ...(entry.members ?? []).map(([, m]) => m.node)];
      if (nodes.some((n) => this.placed.has(n))) continue;
      for (const n of nodes) this.placed.add(n);
      return entry;
    }
    return undefined;
  }

  private register(key: string, entry: SkeletonEntry): void {
    this.entryOf.set(entry.node, entry);
    const list = this.kept.get(key);
    if (list) list.push(entry);
    else this.kept.set(key, [entry]);
  }

  /** The cursor is on a class, or on a decorated class. */
  private isClass(): boolean {
    const type = this.cursor.nodeType;
    if (type === 'class_definition') return true;
    return type === 'decorated_definition' && this.cursor.currentNode.childForFieldName('definition')?.type === 'class_definition';
  }

  /** A changed class: its header copied afresh, its body statement by statement (reused when unchanged). */
  private copyClass(parent: PyNode, shared?: Anchor): SkeletonEntry {
    const { cursor, tables } = this;
    // A decorated class and the class inside it move together: one anchor for both.
    const anchor = shared ?? { offset: cursor.startIndex };
    const node = new PyNode(cursor.nodeType, cursor.startIndex, cursor.endIndex, tables.fieldName[cursor.currentFieldId] ?? null, this.ref, anchor);
    node.parent = parent;
    parent.children.push(node);
    const comments: [number, number][] = [];
    const members: (readonly [string, SkeletonEntry])[] = [];
    const sink: MirrorSink = { comments, deferred: [] };
    if (cursor.gotoFirstChild()) {
      do {
        const typeId = cursor.nodeTypeId;
        if (typeId === tables.comment) comments.push([cursor.startIndex, cursor.endIndex]);
        if (!tables.keep[typeId]) continue;
        const type = tables.typeName[typeId];
        if (type === 'class_definition') {
          const inner = this.copyClass(node, anchor);
          comments.push(...inner.comments);
          members.push(...(inner.members ?? []));
        } else if (type === 'block' && node.type === 'class_definition') {
          const block = new PyNode('block', cursor.startIndex, cursor.endIndex, tables.fieldName[cursor.currentFieldId] ?? null, this.ref, anchor);
          block.parent = node;
          node.children.push(block);
          members.push(...this.copyChildren(block, false, comments));
        } else {
          mirrorNode(cursor, node, this.ref, tables, sink, true, anchor);
        }
      } while (cursor.gotoNextSibling());
      cursor.gotoParent();
    }
    return { node, comments, members };
  }
}
