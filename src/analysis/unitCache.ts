import type { PendingFinding } from './analyzer';
import { importInsertionOffset, moduleDefinitionOffset } from './fixes/edits';
import type { FileModel, Unit } from './model/fileModel';
import { createSkeletonCache, type SkeletonCache } from './model/skeleton';
import type { LineIndex } from './syntax/lineIndex';
import type { PyNode } from './syntax/pyNode';
import type { Finding, Position, Range } from './types';

/**
 * Findings per analysis unit, kept between analyses of one document so that a keystroke only
 * re-models the unit it touched. Valid while the file-level signature (imports, module-level
 * code, class shapes, options) is unchanged; cleared when it changes.
 *
 * Rule authors: a unit's findings (ranges, fix edits, related locations, and the message text)
 * may refer to positions inside the unit, and to the insertion points of `fixes/edits.ts`
 * (imports, module-level definitions), and to nothing else: no line numbers of other units.
 */
export interface UnitCache {
  signature: string;
  readonly entries: Map<string, CachedUnit>;
  /** The copied top-level statements, reused when their text is unchanged. */
  readonly skeletons: SkeletonCache;
  /** Line starts of the text, when the caller already has them (used only if its text is the one analysed). */
  lines?: LineIndex;
}

interface CachedUnit {
  /** The unit's first line when the findings were computed. */
  readonly startLine: number;
  /** Where the unit sits besides its text: its column and (for class members) its class. */
  readonly place: string;
  readonly findings: readonly PendingFinding[];
}

export function createUnitCache(): UnitCache {
  return { signature: '', entries: new Map(), skeletons: createSkeletonCache() };
}

/**
 * Everything outside a unit's own text that its findings may depend on: imports and other
 * module-level statements, the headers of functions (async or not, decorators, whether they
 * yield), class shapes with their `__init__`, plus the caller's options.
 */
export function fileSignature(file: FileModel, extras: readonly unknown[]): string {
  // Fixes insert imports and module-level definitions at these lines: the only positions
  // outside a unit that a unit's findings may hold.
  const anchors = [importInsertionOffset(file), moduleDefinitionOffset(file)].map((o) => file.lines.positionAt(o).line);
  const parts: string[] = [...extras.map(String), anchors.join(',')];
  for (const stmt of file.root.children) {
    const def = stmt.type === 'decorated_definition' ? stmt.child('definition') : stmt;
    if (def?.type === 'function_definition') {
      parts.push(header(stmt, def));
    } else if (def?.type === 'class_definition') {
      parts.push(header(stmt, def));
      for (const member of def.child('body')?.children ?? []) {
        const inner = member.type === 'decorated_definition' ? member.child('definition') : member;
        const isPlainMethod = inner?.type === 'function_definition' && inner.child('name')?.text !== '__init__';
        parts.push(isPlainMethod ? header(member, inner) : member.text);
      }
    } else {
      parts.push(stmt.text);
    }
  }
  return parts.join('\u0000');
}

/** The findings of an unchanged unit (key from {@link unitKey}), moved to where the unit is now; undefined on a miss. */
export function cachedUnit(cache: UnitCache, file: FileModel, unit: Unit, key: string, used: Set<string>): PendingFinding[] | undefined {
  const entry = cache.entries.get(key);
  const start = file.lines.positionAt(unit.node.startIndex);
  if (!entry || entry.place !== placeOf(unit, start.character)) return undefined;
  used.add(key);
  const delta = start.line - entry.startLine;
  if (delta === 0) return [...entry.findings];
  const move = (p: Position): Position => (p.line >= entry.startLine ? { line: p.line + delta, character: p.character } : p);
  const moveRange = (r: Range): Range => ({ start: move(r.start), end: move(r.end) });
  return entry.findings.map(({ finding, assumes }) => ({ finding: moveFinding(finding, moveRange), assumes }));
}

export function storeUnit(cache: UnitCache, file: FileModel, unit: Unit, key: string, findings: readonly PendingFinding[], used: Set<string>): void {
  used.add(key);
  const start = file.lines.positionAt(unit.node.startIndex);
  cache.entries.set(key, { startLine: start.line, place: placeOf(unit, start.character), findings });
}

function moveFinding(f: Finding, moveRange: (r: Range) => Range): Finding {
  return {
    ...f,
    range: moveRange(f.range),
    fixes: f.fixes.map((fix) => ({ ...fix, edits: fix.edits.map((e) => ({ ...e, range: moveRange(e.range) })) })),
    related: f.related.map((r) => (r.path === undefined ? { ...r, range: moveRange(r.range) } : r)),
  };
}

/**
 * A unit is looked up by its text, then checked for its place (column and class): two units with
 * the same text in different places are rare, and then simply share one entry in turn.
 */
export function unitKey(_file: FileModel, unit: Unit): string {
  return unit.node.text;
}

function placeOf(unit: Unit, column: number): string {
  return unit.classNode ? `${column}:${unit.classNode.child('name')?.text ?? ''}#${unit.classOrdinal ?? 0}` : `${column}`;
}

/** A definition's decorators, `async`, `def`/`class` and name (a class keeps its bases), plus whether it yields. */
function header(stmt: PyNode, def: PyNode): string {
  const cut = def.type === 'class_definition' ? def.child('body') : def.child('name');
  const end = cut ? (def.type === 'class_definition' ? cut.startIndex : cut.endIndex) : def.endIndex;
  return `${stmt.text.slice(0, end - stmt.startIndex)}${def.mentionsYield ? ' yields' : ''}`;
}

