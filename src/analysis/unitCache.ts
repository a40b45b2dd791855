import type { PendingFinding } from './analyzer';
import { importInsertionOffset, moduleDefinitionOffset } from './fixes/edits';
import type { FileModel, Unit } from './model/fileModel';
import { createSkeletonCache, type SkeletonCache } from './model/skeleton';
import { createSummaryCache, type SummaryCache } from './workspace/fileSummaries';
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
  /** This file's function summaries, by qualified name and text (cleared with the entries). */
  readonly summaries: SummaryCache;
  /** Line starts of the text, when the caller already has them (used only if its text is the one analysed). */
  lines?: LineIndex;
  /**
   * The same entries by the unit's copied node: a node reused from the skeleton cache has the
   * same text, so it is found without hashing that text again.
   */
  readonly byNode: WeakMap<PyNode, CachedUnit>;
}

interface CachedUnit {
  /** The unit's text: its key in `entries`. */
  readonly key: string;
  /** The unit's first line when the findings were computed. */
  readonly startLine: number;
  /** Where the unit sits besides its text: its column and (for class members) its class. */
  readonly place: string;
  readonly findings: readonly PendingFinding[];
  /** This file's function summaries the findings rest on, with their fingerprints (see FileSummaries). */
  readonly restsOn: readonly (readonly [string, string])[];
}

export function createUnitCache(): UnitCache {
  return { signature: '', entries: new Map(), skeletons: createSkeletonCache(), byNode: new WeakMap(), summaries: createSummaryCache() };
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

/**
 * Looks a unit up: by its copied node first (reused nodes have unchanged text), else by its text.
 * Returns the findings of an unchanged unit moved to where it is now (undefined on a miss), and
 * the key to store it under. `stillHolds` tells whether the summaries the findings rest on are unchanged.
 */
export function cachedUnit(
  cache: UnitCache,
  file: FileModel,
  unit: Unit,
  used: Set<string>,
  stillHolds: (restsOn: readonly (readonly [string, string])[]) => boolean,
): { hit: PendingFinding[] | undefined; key: string } {
  const byNode = cache.byNode.get(unit.node);
  const key = byNode?.key ?? unit.node.text;
  const entry = byNode ?? cache.entries.get(key);
  const start = file.lines.positionAt(unit.node.startIndex);
  if (!entry || entry.place !== placeOf(unit, start.character) || cache.entries.get(entry.key) !== entry) return { hit: undefined, key };
  if (entry.restsOn.length > 0 && !stillHolds(entry.restsOn)) return { hit: undefined, key };
  used.add(entry.key);
  const delta = start.line - entry.startLine;
  if (delta === 0) return { hit: [...entry.findings], key };
  const move = (p: Position): Position => (p.line >= entry.startLine ? { line: p.line + delta, character: p.character } : p);
  const moveRange = (r: Range): Range => ({ start: move(r.start), end: move(r.end) });
  return { hit: entry.findings.map(({ finding, assumes }) => ({ finding: moveFinding(finding, moveRange), assumes })), key };
}

export function storeUnit(
  cache: UnitCache,
  file: FileModel,
  unit: Unit,
  key: string,
  findings: readonly PendingFinding[],
  used: Set<string>,
  restsOn: readonly (readonly [string, string])[],
): void {
  used.add(key);
  const start = file.lines.positionAt(unit.node.startIndex);
  const entry: CachedUnit = { key, startLine: start.line, place: placeOf(unit, start.character), findings, restsOn };
  cache.entries.set(key, entry);
  cache.byNode.set(unit.node, entry);
}

function moveFinding(f: Finding, moveRange: (r: Range) => Range): Finding {
  return {
    ...f,
    range: moveRange(f.range),
    fixes: f.fixes.map((fix) => ({ ...fix, edits: fix.edits.map((e) => ({ ...e, range: moveRange(e.range) })) })),
    related: f.related.map((r) => (r.path === undefined ? { ...r, range: moveRange(r.range) } : r)),
  };
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

