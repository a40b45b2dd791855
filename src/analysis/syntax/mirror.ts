import type { Language, Tree, TreeCursor } from 'web-tree-sitter';
import { PyNode, type Anchor, type SourceRef } from './pyNode';

/** Per-grammar lookup tables, so the walk reads only numeric ids from the cursor. */
export interface GrammarTables {
  readonly typeName: readonly string[];
  /** Named node types the copy keeps. */
  readonly keep: readonly boolean[];
  readonly fieldName: readonly (string | null)[];
  readonly asyncKeyword: number;
  readonly comment: number;
  readonly string: number;
  readonly functionDefinition: number;
  readonly parametersField: number;
}

/** Named node types with nothing for the rules inside: the literal parts of strings. */
const DROPPED = new Set(['comment', 'string_start', 'string_content', 'string_end', 'escape_sequence', 'escape_interpolation', 'line_continuation']);

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
    string: language.idForNodeType('string', true) ?? -1,
    functionDefinition: language.idForNodeType('function_definition', true) ?? -1,
    parametersField: language.fieldIdForName('parameters') ?? -1,
  };
}

export interface MirrorSink {
  /** `[start, end)` offsets of every comment seen. */
  readonly comments: [number, number][];
  /** Functions left incomplete because deferral was on: only their name was copied. */
  readonly deferred: PyNode[];
}

interface Walk {
  readonly cursor: TreeCursor;
  readonly source: SourceRef;
  /** The anchor of the statement being copied: every node made gets it. */
  readonly anchor: Anchor;
  readonly tables: GrammarTables;
  readonly sink: MirrorSink;
  /** Leave each `def`'s parameters and body for later (only its name is copied). */
  readonly deferFunctions: boolean;
}

/**
 * Copies the cursor's current node (with its subtree) as a new child of `parent`, with one pass
 * of the cursor; the cursor ends where it started. With `deferFunctions`, a `def` gets only its
 * name (and `async` flag) and is recorded in `sink.deferred`.
 */
export function mirrorNode(cursor: TreeCursor, parent: PyNode, source: SourceRef, tables: GrammarTables, sink: MirrorSink, deferFunctions: boolean, anchor: Anchor): PyNode | undefined {
  const before = parent.children.length;
  mirrorSiblings({ cursor, source, anchor, tables, sink, deferFunctions }, parent, true);
  return parent.children.length > before ? parent.children[parent.children.length - 1] : undefined;
}

/**
 * Completes a deferred `def`: its parameters, return annotation and body, in full. The node is
 * found again by its position in `tree`, so a `def` copied from an earlier version of the text
 * (and shifted since) completes against the current tree.
 */
export function mirrorFunctionRest(tree: Tree, fn: PyNode, source: SourceRef, tables: GrammarTables, sink: MirrorSink): void {
  if (fn.complete) return;
  fn.complete = true;
  let node = tree.rootNode.descendantForIndex(fn.startIndex, Math.max(fn.startIndex, fn.endIndex - 1));
  while (node && node.type !== 'function_definition' && node.parent && node.parent.startIndex === fn.startIndex) node = node.parent;
  if (node?.type !== 'function_definition' || node.startIndex !== fn.startIndex) return;
  const cursor = node.walk();
  try {
    if (!cursor.gotoFirstChild()) return;
    do {
      if (cursor.currentFieldId === tables.parametersField) {
        mirrorSiblings({ cursor, source, anchor: fn.anchor, tables, sink, deferFunctions: false }, fn, false);
        return;
      }
    } while (cursor.gotoNextSibling());
  } finally {
    cursor.delete();
  }
}

/** Copies the cursor's node, and unless `single` its following siblings, with their subtrees, into `base`. */
function mirrorSiblings(walk: Walk, base: PyNode, single: boolean): void {
  const { cursor, tables, sink } = walk;
  const stack: PyNode[] = [base];
  /** Moves to the next node after the current subtree; false when the base level is exhausted. */
  const advance = (): boolean => {
    for (;;) {
      if (stack.length === 1 && single) return false;
      if (cursor.gotoNextSibling()) return true;
      if (stack.length === 1) return false;
      cursor.gotoParent();
      stack.pop();
    }
  };
  for (;;) {
    const parent = stack[stack.length - 1]!;
    const typeId = cursor.nodeTypeId;
    if (tables.keep[typeId]) {
      const fieldId = cursor.currentFieldId;
      if (walk.deferFunctions && fieldId === tables.parametersField && parent.type === 'function_definition' && stack.length > 1) {
        parent.complete = false;
        sink.deferred.push(parent);
        // Skip the rest of the `def`: parameters, return annotation, body.
        cursor.gotoParent();
        stack.pop();
        if (!advance()) return;
        continue;
      }
      const node = new PyNode(tables.typeName[typeId]!, cursor.startIndex, cursor.endIndex, tables.fieldName[fieldId] ?? null, walk.source, walk.anchor);
      node.parent = parent;
      parent.children.push(node);
      if (descends(walk, typeId, node) && cursor.gotoFirstChild()) {
        stack.push(node);
        continue;
      }
    } else if (typeId === tables.asyncKeyword) {
      parent.isAsync = true;
    } else if (typeId === tables.comment) {
      sink.comments.push([cursor.startIndex, cursor.endIndex]);
    }
    if (!advance()) return;
  }
}

/**
 * Whether the copy goes below `node`: not into plain strings (only f-strings hold code), and in
 * the first walk not into the arguments of a decorator (`@data_provider({...2000 lines...})`):
 * rules read a decorator's name, never its arguments.
 */
function descends(walk: Walk, typeId: number, node: PyNode): boolean {
  if (typeId === walk.tables.string) return isFormatted(walk.source.text, node.startIndex);
  return !(walk.deferFunctions && node.type === 'argument_list' && node.parent?.type === 'call' && node.parent.parent?.type === 'decorator');
}

/** True for an f-string (or t-string): only those hold code, in their interpolations. */
function isFormatted(source: string, start: number): boolean {
  for (let i = start; i < source.length; i++) {
    const c = source.charCodeAt(i);
    if (c === 0x66 || c === 0x46 || c === 0x74 || c === 0x54) return true; // f F t T
    if (c === 0x22 || c === 0x27) return false; // a quote: the prefix is over
  }
  return false;
}
