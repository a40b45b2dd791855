import type { Tree } from 'web-tree-sitter';
import { LineIndex } from '../syntax/lineIndex';
import { grammarTables, mirrorFunctionRest, type GrammarTables } from '../syntax/mirror';
import type { PyNode } from '../syntax/pyNode';
import { hintWords } from '../unitSelection';
import { isStarImport } from './imports';
import { OTHER_ASYNC_LIBRARIES } from './knownApis';
import { ScopeBuilder } from './scopeBuilder';
import type { Scope } from './scopes';
import { buildSkeleton, type Skeleton, type SkeletonCache, type SkeletonEntry } from './skeleton';

/**
 * A piece of the file analysed (and cached) on its own: a top-level statement, or one statement of
 * a top-level class body (usually a method). Findings of a unit depend only on its own text and on
 * the file's {@link FileModel.signature}.
 */
export interface Unit {
  readonly node: PyNode;
  /** The enclosing top-level class, for class members. */
  readonly classNode?: PyNode;
  /** Which of the top-level classes of that name it is (0 for the first): same-named classes differ. */
  readonly classOrdinal?: number;
}

/**
 * The semantic model of one Python file: a copy of the syntax the rules need, its scopes and
 * bindings, and its analysis units. Function bodies are copied and modelled on demand
 * ({@link FileModel.completeUnit}), so code the rules never look at costs nothing.
 * Reads the tree only while the analysis runs: call {@link FileModel.dispose} when done.
 */
export class FileModel {
  readonly lines: LineIndex;
  readonly root: PyNode;
  readonly moduleScope: Scope;
  readonly units: Unit[] = [];
  /** `[start, end)` of each comment, in the parts copied so far. */
  readonly comments: [number, number][] = [];
  /** The module imports trio, anyio or curio (or is part of one): asyncio's gather is not the idiom there. */
  readonly usesOtherAsyncLibrary: boolean;
  /** `from x import *` at module level: unknown names may come from it. */
  readonly hasStarImport: boolean;
  private readonly builder: ScopeBuilder;
  private readonly tables: GrammarTables;
  private readonly skeleton: Skeleton;
  /** Answers of {@link FileModel.scopeOf}, for every node on the walked paths; cleared when scopes are added. */
  private readonly scopeOfCache = new Map<PyNode, Scope>();
  /** See {@link FileModel.memo}. */
  private readonly memos = new Map<string, unknown>();

  constructor(
    private readonly tree: Tree,
    readonly source: string,
    /** Dotted module path (`pkg.api`, `pkg.__init__`), when known: resolves relative imports. */
    readonly modulePath: string | undefined,
    /** Top-level statements copied for earlier versions of this document, reused when unchanged. */
    skeletons?: SkeletonCache,
    /** Line starts of `source`, when the caller has them already. */
    lines?: LineIndex,
  ) {
    this.lines = lines?.text === source ? lines : new LineIndex(source);
    this.tables = grammarTables(tree.language);
    this.skeleton = buildSkeleton(tree, source, this.tables, this.comments, skeletons);
    this.root = this.skeleton.root;
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
    // Code inside trio or anyio itself imports them relatively (`from .. import _core`).
    const ownPackage = modulePath?.split('.')[0];
    this.usesOtherAsyncLibrary = other || (ownPackage !== undefined && OTHER_ASYNC_LIBRARIES.has(ownPackage));
    this.hasStarImport = star;
  }

  /**
   * Copies (when not copied yet) and models every module- or class-level function inside `node`,
   * outermost first; functions nested in them are modelled with them.
   */
  complete(node: PyNode): void {
    const lazy = this.builder.lazyFunctions;
    let low = 0;
    let high = lazy.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (lazy[mid]!.startIndex < node.startIndex) low = mid + 1;
      else high = mid;
    }
    let added = false;
    for (let i = low; i < lazy.length && lazy[i]!.startIndex < node.endIndex; i++) {
      const fn = lazy[i]!;
      if (!node.contains(fn) || this.builder.scopeByNode.get(fn)?.complete !== false) continue;
      if (!fn.complete) {
        const sink = { comments: [] as [number, number][], deferred: [] as PyNode[] };
        mirrorFunctionRest(this.tree, fn, this.skeleton.source, this.tables, sink);
        if (sink.comments.length > 0) {
          this.comments.push(...sink.comments);
          // The same tuples go to every cached statement holding the def (a class and its member),
          // so whichever is reused next time shifts them once.
          for (const entry of this.entriesFor(fn)) entry.comments.push(...sink.comments);
          added = true;
        }
      }
      this.builder.completeFunction(fn);
      this.scopeOfCache.clear();
    }
    if (added) this.comments.sort((a, b) => a[0] - b[0]);
  }

  /**
   * A fact about the whole file computed once per analysis: fixes of every finding ask the same
   * questions of the module (how `asyncio` is spelled, where tasks are kept), and asking them
   * again per finding made the cost grow with the square of the findings.
   */
  memo<T>(key: string, compute: () => T): T {
    if (this.memos.has(key)) return this.memos.get(key) as T;
    const value = compute();
    this.memos.set(key, value);
    return value;
  }

  /** The skeleton entries (cached statements and class members) holding `node`. */
  private entriesFor(node: PyNode): SkeletonEntry[] {
    const out: SkeletonEntry[] = [];
    for (let n: PyNode | null = node; n; n = n.parent) {
      const entry = this.skeleton.entryOf.get(n);
      if (entry) out.push(entry);
    }
    return out;
  }

  /** The hint words of the file (see unitSelection.ts), from each top-level statement, remembered with its copy. */
  hintWords(): Set<string> {
    const words = new Set<string>();
    for (const stmt of this.root.children) {
      const entry = this.skeleton.entryOf.get(stmt);
      const found = entry?.hints ?? [...hintWords(stmt.text)];
      if (entry) entry.hints = found;
      for (const w of found) words.add(w);
    }
    return words;
  }

  /** Models every function of a unit: call before running rules on it. */
  completeUnit(unit: Unit): void {
    this.complete(unit.node);
  }

  /** The scope a `def`, `lambda`, `class` or comprehension node opens. */
  scopeFor(node: PyNode): Scope | undefined {
    return this.builder.scopeByNode.get(node);
  }

  /**
   * The innermost scope in which `node` is evaluated. Every node on the path walked gets the same
   * answer, so it is remembered for all of them: asking for each call of a 40,000-call chain
   * then costs one walk, not one per call.
   */
  scopeOf(node: PyNode): Scope {
    const path: PyNode[] = [];
    let found: Scope | undefined;
    let child = node;
    for (let n = node.parent; n && !found; child = n, n = n.parent) {
      const known = this.scopeOfCache.get(child);
      if (known) {
        found = known;
        break;
      }
      path.push(child);
      const scope = this.builder.scopeByNode.get(n);
      if (!scope) continue;
      if (n.type === 'function_definition' && child.field !== 'body' && child.field !== 'parameters') continue;
      if (n.type === 'lambda' && child.field !== 'body' && child.field !== 'parameters') continue;
      if (n.type === 'class_definition' && child.field !== 'body') continue;
      found = scope;
    }
    const scope = found ?? this.moduleScope;
    for (const n of path) this.scopeOfCache.set(n, scope);
    return scope;
  }

  /** True when `offset` lies inside a comment of the copied parts (the parts that can hold findings). */
  isInComment(offset: number): boolean {
    let low = 0;
    let high = this.comments.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (this.comments[mid]![0] <= offset) low = mid + 1;
      else high = mid;
    }
    const candidate = this.comments[low - 1];
    return candidate !== undefined && offset < candidate[1];
  }

  /** Comments lying in `[start, end)`. */
  commentsIn(start: number, end: number): [number, number][] {
    return this.comments.filter(([s, e]) => s >= start && e <= end);
  }

  /** Nothing to free today; kept so callers release the model explicitly if it ever holds tree-sitter objects. */
  dispose(): void {
    this.builder.lazyFunctions.length = 0;
  }

  private collectUnits(): void {
    const seen = new Map<string, number>();
    for (const stmt of this.root.children) {
      const definition = stmt.type === 'decorated_definition' ? stmt.child('definition') : stmt;
      if (definition?.type === 'class_definition') {
        const name = definition.child('name')?.text ?? '';
        const classOrdinal = seen.get(name) ?? 0;
        seen.set(name, classOrdinal + 1);
        const body = definition.child('body');
        for (const member of body?.children ?? []) this.units.push({ node: member, classNode: definition, classOrdinal });
        if (!body || body.children.length === 0) this.units.push({ node: stmt });
      } else {
        this.units.push({ node: stmt });
      }
    }
  }
}

