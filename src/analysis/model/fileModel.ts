import type { Tree, TreeCursor } from 'web-tree-sitter';
import { LineIndex } from '../syntax/lineIndex';
import { grammarTables, mirrorChildren, mirrorDeferredFunction, type DeferredFunction, type GrammarTables, type MirrorSink } from '../syntax/mirror';
import { PyNode } from '../syntax/pyNode';
import { isStarImport } from './imports';
import { OTHER_ASYNC_LIBRARIES } from './knownApis';
import { ScopeBuilder } from './scopeBuilder';
import type { Scope } from './scopes';

/**
 * A piece of the file analysed (and cached) on its own: a top-level statement, or one statement of
 * a top-level class body (usually a method). Findings of a unit depend only on its own text and on
 * the file's {@link FileModel.signature}.
 */
export interface Unit {
  readonly node: PyNode;
  /** The enclosing top-level class, for class members. */
  readonly classNode?: PyNode;
}

/**
 * The semantic model of one Python file: a copy of the syntax the rules need, its scopes and
 * bindings, and its analysis units. Function bodies are copied and modelled on demand
 * ({@link FileModel.completeUnit}), so code the rules never look at costs nothing.
 * Holds a tree-sitter cursor: call {@link FileModel.dispose} when done.
 */
export class FileModel {
  readonly lines: LineIndex;
  readonly root: PyNode;
  readonly moduleScope: Scope;
  readonly units: Unit[] = [];
  /** `[start, end)` of each comment, in the parts copied so far. */
  readonly comments: [number, number][] = [];
  /** The module imports trio, anyio or curio: asyncio's gather is not the idiom there. */
  readonly usesOtherAsyncLibrary: boolean;
  /** `from x import *` at module level: unknown names may come from it. */
  readonly hasStarImport: boolean;
  private readonly builder: ScopeBuilder;
  /** Bodies not copied yet, in source order (the walk is pre-order). */
  private readonly deferred: DeferredFunction[];
  private readonly cursor: TreeCursor;
  private readonly tables: GrammarTables;
  private readonly sink: MirrorSink;

  constructor(
    tree: Tree,
    readonly source: string,
    /** Dotted module path (`pkg.api`, `pkg.__init__`), when known: resolves relative imports. */
    readonly modulePath: string | undefined,
  ) {
    this.lines = new LineIndex(source);
    this.tables = grammarTables(tree.language);
    this.cursor = tree.walk();
    this.sink = { comments: this.comments, deferred: [] };
    const rootNode = tree.rootNode;
    this.root = new PyNode(rootNode.type, rootNode.startIndex, rootNode.endIndex, null, source);
    mirrorChildren(this.cursor, this.root, source, this.tables, this.sink, true);
    this.deferred = [...this.sink.deferred];
    this.sink.deferred.length = 0;
    this.builder = new ScopeBuilder(modulePath);
    this.moduleScope = this.builder.buildModule(this.root);
    this.collectUnits();
    let other = false;
    let star = false;
    for (const stmt of this.root.children) {
      if (stmt.type === 'import_statement' || stmt.type === 'import_from_statement') {
        star ||= isStarImport(stmt);
        const module = stmt.type === 'import_statement' ? stmt.childrenIn('name').map((n) => n.text) : [stmt.child('module_name')?.text ?? ''];
        other ||= module.some((m) => OTHER_ASYNC_LIBRARIES.has(m.split('.')[0]!.split(' ')[0]!.trim()));
      }
    }
    this.usesOtherAsyncLibrary = other;
    this.hasStarImport = star;
  }

  /** Copies and models every function inside `node` whose parameters and body are not copied yet. */
  complete(node: PyNode): void {
    const pending: DeferredFunction[] = [];
    for (let i = this.firstDeferredAt(node.startIndex); i < this.deferred.length; i++) {
      const d = this.deferred[i]!;
      if (d.fn.startIndex >= node.endIndex) break;
      if (!d.fn.complete && node.contains(d.fn)) pending.push(d);
    }
    if (pending.length === 0) return;
    for (const d of pending) mirrorDeferredFunction(this.cursor, d, this.source, this.tables, this.sink);
    // Outermost first, so a method's class scope exists before the method is modelled.
    for (const d of pending) this.builder.completeFunction(d.fn);
    this.comments.sort((a, b) => a[0] - b[0]);
  }

  private firstDeferredAt(offset: number): number {
    let low = 0;
    let high = this.deferred.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (this.deferred[mid]!.fn.startIndex < offset) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  /** Models every function of a unit: call before running rules on it. */
  completeUnit(unit: Unit): void {
    this.complete(unit.node);
  }

  /** The scope a `def`, `lambda`, `class` or comprehension node opens. */
  scopeFor(node: PyNode): Scope | undefined {
    return this.builder.scopeByNode.get(node);
  }

  /** The innermost scope in which `node` is evaluated. */
  scopeOf(node: PyNode): Scope {
    let child = node;
    for (let n = node.parent; n; child = n, n = n.parent) {
      const scope = this.builder.scopeByNode.get(n);
      if (!scope) continue;
      if (n.type === 'function_definition' && child.field !== 'body' && child.field !== 'parameters') continue;
      if (n.type === 'lambda' && child.field !== 'body' && child.field !== 'parameters') continue;
      if (n.type === 'class_definition' && child.field !== 'body') continue;
      return scope;
    }
    return this.moduleScope;
  }

  /** Offsets to a range. */
  rangeOf(node: PyNode): { start: { line: number; character: number }; end: { line: number; character: number } } {
    return this.lines.rangeOf(node.startIndex, node.endIndex);
  }

  /** Comments lying in `[start, end)`. */
  commentsIn(start: number, end: number): [number, number][] {
    return this.comments.filter(([s, e]) => s >= start && e <= end);
  }

  dispose(): void {
    this.cursor.delete();
  }

  private collectUnits(): void {
    for (const stmt of this.root.children) {
      const definition = stmt.type === 'decorated_definition' ? stmt.child('definition') : stmt;
      if (definition?.type === 'class_definition') {
        const body = definition.child('body');
        for (const member of body?.children ?? []) this.units.push({ node: member, classNode: definition });
        if (!body || body.children.length === 0) this.units.push({ node: stmt });
      } else {
        this.units.push({ node: stmt });
      }
    }
  }
}
