import type { Language, TreeCursor } from 'web-tree-sitter';
import { PyNode } from './pyNode';

/** Per-grammar lookup tables, so the walk reads only numeric ids from the cursor. */
export interface GrammarTables {
  readonly typeName: readonly string[];
  /** Named node types the copy keeps. */
  readonly keep: readonly boolean[];
  readonly fieldName: readonly (string | null)[];
  readonly asyncKeyword: number;
  readonly comment: number;
  readonly functionDefinition: number;
  readonly bodyField: number;
}

/** Named node types with nothing for the rules inside: the literal parts of strings. */
const DROPPED = new Set(['comment', 'string_start', 'string_content', 'string_end', 'escape_sequence', 'line_continuation']);

/** Builds the tables for a loaded grammar (a few hundred ids; cheap enough to build per analysis). */
export function grammarTables(language: Language): GrammarTables {
  const count = language.nodeTypeCount;
  const typeName: string[] = [];
  const keep: boolean[] = [];
  let asyncKeyword = -1;
  for (let id = 0; id < count; id++) {
    const name = language.nodeTypeForId(id) ?? '';
    const named = language.nodeTypeIsNamed(id);
    typeName.push(name);
    keep.push(named && !DROPPED.has(name));
    if (!named && name === 'async' && asyncKeyword === -1) asyncKeyword = id;
  }
  const fieldName: (string | null)[] = [];
  for (let id = 0; id <= language.fieldCount; id++) fieldName.push(language.fieldNameForId(id));
  return {
    typeName,
    keep,
    fieldName,
    asyncKeyword,
    comment: language.idForNodeType('comment', true) ?? -1,
    functionDefinition: language.idForNodeType('function_definition', true) ?? -1,
    bodyField: language.fieldIdForName('body') ?? -1,
  };
}

/** A function body left out of the first walk: where to find it again. */
export interface DeferredBody {
  readonly fn: PyNode;
  readonly block: PyNode;
  /** The cursor's descendant index of the body block, counted from the root. */
  readonly descendantIndex: number;
}

export interface MirrorSink {
  /** `[start, end)` offsets of every comment seen. */
  readonly comments: [number, number][];
  /** Bodies skipped because `deferBodies` was on. */
  readonly deferred: DeferredBody[];
}

/**
 * Copies the subtree under the cursor's current node into `into` (whose own fields are already
 * set), with one pass of the cursor. With `deferBodies`, a `def`'s body block is created empty and
 * recorded in `sink.deferred` instead of copied. The cursor ends where it started.
 */
export function mirrorChildren(cursor: TreeCursor, into: PyNode, source: string, tables: GrammarTables, sink: MirrorSink, deferBodies: boolean): void {
  if (!cursor.gotoFirstChild()) return;
  const stack: PyNode[] = [into];
  for (;;) {
    const parent = stack[stack.length - 1]!;
    const typeId = cursor.nodeTypeId;
    let descendInto: PyNode | undefined;
    if (tables.keep[typeId]) {
      const fieldId = cursor.currentFieldId;
      const node = new PyNode(tables.typeName[typeId]!, cursor.startIndex, cursor.endIndex, tables.fieldName[fieldId] ?? null, source);
      node.parent = parent;
      parent.children.push(node);
      if (deferBodies && fieldId === tables.bodyField && parent.type === 'function_definition') {
        parent.complete = false;
        sink.deferred.push({ fn: parent, block: node, descendantIndex: cursor.currentDescendantIndex });
      } else {
        descendInto = node;
      }
    } else if (typeId === tables.asyncKeyword) {
      parent.isAsync = true;
    } else if (typeId === tables.comment) {
      sink.comments.push([cursor.startIndex, cursor.endIndex]);
    }
    if (descendInto && cursor.gotoFirstChild()) {
      stack.push(descendInto);
      continue;
    }
    while (!cursor.gotoNextSibling()) {
      cursor.gotoParent();
      stack.pop();
      if (stack.length === 0) return;
    }
  }
}

/** Fills a deferred body in place, then marks its function complete. */
export function mirrorDeferredBody(cursor: TreeCursor, body: DeferredBody, source: string, tables: GrammarTables, sink: MirrorSink): void {
  if (body.fn.complete) return;
  cursor.gotoDescendant(body.descendantIndex);
  mirrorChildren(cursor, body.block, source, tables, sink, false);
  body.fn.complete = true;
}
