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

/** A `def` whose parameters and body were left out of the first walk: where to find them again. */
export interface DeferredFunction {
  readonly fn: PyNode;
  /** The cursor's descendant index (from the root) of the `def`'s parameters node. */
  readonly descendantIndex: number;
}

export interface MirrorSink {
  /** `[start, end)` offsets of every comment seen. */
  readonly comments: [number, number][];
  /** Functions left incomplete because deferral was on. */
  readonly deferred: DeferredFunction[];
}

interface Walk {
  readonly cursor: TreeCursor;
  readonly source: string;
  readonly tables: GrammarTables;
  readonly sink: MirrorSink;
  /** Leave each `def`'s parameters and body for later (only its name is copied). */
  readonly deferFunctions: boolean;
}

/**
 * Copies the subtree under the cursor's current node into `into` (whose own fields are already
 * set), with one pass of the cursor; the cursor ends where it started. With `deferFunctions`,
 * a `def` gets only its name (and `async` flag) and is recorded in `sink.deferred`.
 */
export function mirrorChildren(cursor: TreeCursor, into: PyNode, source: string, tables: GrammarTables, sink: MirrorSink, deferFunctions: boolean): void {
  if (!cursor.gotoFirstChild()) return;
  mirrorSiblings({ cursor, source, tables, sink, deferFunctions }, into);
  cursor.gotoParent();
}

/** Completes a deferred `def`: its parameters, return annotation and body, in full. */
export function mirrorDeferredFunction(cursor: TreeCursor, deferred: DeferredFunction, source: string, tables: GrammarTables, sink: MirrorSink): void {
  if (deferred.fn.complete) return;
  cursor.gotoDescendant(deferred.descendantIndex);
  mirrorSiblings({ cursor, source, tables, sink, deferFunctions: false }, deferred.fn);
  deferred.fn.complete = true;
}

/** Copies the cursor's node and its following siblings (with their subtrees) into `base`. */
function mirrorSiblings(walk: Walk, base: PyNode): void {
  const { cursor, tables, sink } = walk;
  const stack: PyNode[] = [base];
  /** Moves to the next node after the current subtree; false when the base level is exhausted. */
  const advance = (): boolean => {
    while (!cursor.gotoNextSibling()) {
      if (stack.length === 1) return false;
      cursor.gotoParent();
      stack.pop();
    }
    return true;
  };
  for (;;) {
    const parent = stack[stack.length - 1]!;
    const typeId = cursor.nodeTypeId;
    if (tables.keep[typeId]) {
      const fieldId = cursor.currentFieldId;
      if (walk.deferFunctions && fieldId === tables.parametersField && parent.type === 'function_definition' && stack.length > 1) {
        parent.complete = false;
        sink.deferred.push({ fn: parent, descendantIndex: cursor.currentDescendantIndex });
        // Skip the rest of the `def`: parameters, return annotation, body.
        cursor.gotoParent();
        stack.pop();
        if (!advance()) return;
        continue;
      }
      const node = new PyNode(tables.typeName[typeId]!, cursor.startIndex, cursor.endIndex, tables.fieldName[fieldId] ?? null, walk.source);
      node.parent = parent;
      parent.children.push(node);
      if ((typeId !== tables.string || isFormatted(walk.source, node.startIndex)) && cursor.gotoFirstChild()) {
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

/** True for an f-string (or t-string): only those hold code, in their interpolations. */
function isFormatted(source: string, start: number): boolean {
  for (let i = start; i < source.length; i++) {
    const c = source.charCodeAt(i);
    if (c === 0x66 || c === 0x46 || c === 0x74 || c === 0x54) return true; // f F t T
    if (c === 0x22 || c === 0x27) return false; // a quote: the prefix is over
  }
  return false;
}
