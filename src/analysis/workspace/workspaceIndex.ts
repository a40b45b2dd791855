import { canonicalModule } from '../model/imports';
import type { FunctionSummary } from './effects';
import type { InstalledPackages } from './installedPackages';

/** What a module-level name (or a class's method) of a workspace module is, for callers. */
export type SymbolKind = 'async' | 'sync' | 'ambiguous';

/** What another file needs to know about one module: which of its names are `async def`. */
export interface ModuleSummary {
  /** Module-level names bound by `def`/`async def` (and anything else, as `sync`). */
  readonly names: ReadonlyMap<string, SymbolKind>;
  /** Names the module imports from elsewhere (`from .api import fetch` -> `pkg.api.fetch`). */
  readonly reexports: ReadonlyMap<string, string>;
  /** Top-level classes: method name -> kind. */
  readonly classes: ReadonlyMap<string, ReadonlyMap<string, SymbolKind>>;
  /** Top-level classes: their base classes, qualified (`pkg.base.Client`), for methods they inherit. */
  readonly classBases: ReadonlyMap<string, readonly string[]>;
  /** Coroutine functions and methods (`fetch`, `Client.get`): what they do, for the concurrency rules. */
  readonly functions: ReadonlyMap<string, FunctionSummary>;
  /**
   * Declared types, qualified (`pkg.http.HTTPClient`), by key: `client` (a module-level instance),
   * `Client.http` (an attribute or property of instances), `make()` / `Client.m()` (what calling a
   * function or method returns; `Client()` for a class), `await fetch()` (what awaiting it gives).
   */
  readonly declared?: ReadonlyMap<string, string>;
}

/** A declared type (qualified), `pending` while the module that declares it is unread, or undefined. */
export type DeclaredAnswer = { readonly type: string } | 'pending' | undefined;

/**
 * The answer to "is this qualified name an `async def` of the workspace?": `pending` means the
 * module exists but has not been read yet (the CLI reads files in one pass and settles those at the end).
 */
export type LookupResult = SymbolKind | 'pending' | undefined;

/** What the analysis asks of a workspace index. */
export interface WorkspaceLookup {
  lookup(qualified: string): LookupResult;
  /** True when the dotted path is a module of the workspace (read or expected), or a package holding one. */
  hasModule(modulePath: string): boolean;
  /** The summary of a workspace function or method (inherited methods included); `pending` while its module is unread. */
  functionSummary(qualified: string): FunctionSummary | 'pending' | undefined;
  /** The qualified type a module declares for a key (see {@link ModuleSummary.declared}), through re-exports and base classes. */
  declaredType?(key: string): DeclaredAnswer;
  /** Changes whenever an answer may have changed (for caches keyed on the index). */
  readonly version: number;
  /**
   * Like {@link version}, but blind to changes of the summary registered for `modulePath` itself (and the
   * other paths of the same file): a file's analysis never reads its own entry, so its caches may outlive them.
   */
  versionFor?(modulePath: string): number;
}

/**
 * Module path -> summary of its `async def`s, across the files of a workspace or of the CLI's
 * paths. Updated one file at a time (the editor re-summarises a file on change).
 */
export class WorkspaceIndex implements WorkspaceLookup {
  private readonly modules = new Map<string, ModuleSummary>();
  private readonly expected = new Set<string>();
  /** Every dotted prefix of a known module: `import pkg` reaches `pkg.api.fetch`. */
  private readonly packages = new Map<string, number>();
  private changes = 0;
  private packagesInstalled: InstalledPackages | undefined;
  /** Changes made to each module's entry, for {@link versionFor}. */
  private readonly changesOf = new Map<string, number>();

  get version(): number {
    return this.changes;
  }

  /** Declares modules that exist but are not summarised yet: lookups into them answer `pending`. */
  expect(modulePaths: Iterable<string>): void {
    for (const m of modulePaths) {
      const key = canonicalModule(m);
      if (!this.expected.has(key) && !this.modules.has(key)) this.addPackages(key, 1);
      this.expected.add(key);
    }
    this.changes++;
  }

  /** Records (or replaces) the summary of a module, by its dotted path (`pkg.api`, `pkg.__init__`). */
  set(modulePath: string, summary: ModuleSummary): void {
    const key = canonicalModule(modulePath);
    if (!this.expected.has(key) && !this.modules.has(key)) this.addPackages(key, 1);
    this.modules.set(key, summary);
    this.changes++;
    this.changesOf.set(key, (this.changesOf.get(key) ?? 0) + 1);
  }

  versionFor(modulePath: string): number {
    const own = this.modules.get(canonicalModule(modulePath));
    if (!own) return this.changes;
    let version = this.changes;
    for (const [key, summary] of this.modules) if (summary === own) version -= this.changesOf.get(key) ?? 0;
    return version;
  }

  /** Forgets a module (a deleted file). */
  delete(modulePath: string): void {
    const key = canonicalModule(modulePath);
    if (this.expected.has(key) || this.modules.has(key)) this.addPackages(key, -1);
    this.modules.delete(key);
    this.expected.delete(key);
    this.changesOf.delete(key);
    this.changes++;
  }

  hasModule(modulePath: string): boolean {
    const key = canonicalModule(modulePath);
    return this.modules.has(key) || this.expected.has(key) || (this.packages.get(key) ?? 0) > 0;
  }

  private addPackages(module: string, delta: number): void {
    const parts = module.split('.');
    for (let i = 1; i < parts.length; i++) {
      const prefix = parts.slice(0, i).join('.');
      this.packages.set(prefix, (this.packages.get(prefix) ?? 0) + delta);
    }
  }

  /** Resolves names the workspace does not define through the project's installed packages. */
  useEnvironment(packages: InstalledPackages | undefined): void {
    this.packagesInstalled = packages;
    this.changes++;
  }

  get environment(): InstalledPackages | undefined {
    return this.packagesInstalled;
  }

  /** An installed module, when no workspace module or package has its name (the workspace's own code wins). */
  private installed(module: string): ModuleSummary | undefined {
    if (!this.packagesInstalled || this.expected.has(module) || (this.packages.get(module) ?? 0) > 0) return undefined;
    const top = module.split('.')[0]!;
    if (this.modules.has(top) || this.expected.has(top) || (this.packages.get(top) ?? 0) > 0) return undefined;
    return this.packagesInstalled.summaryOf(module);
  }

  get size(): number {
    return this.modules.size;
  }

  /**
   * Resolves `pkg.api.fetch` (or `pkg.api.Client.get`): the longest known module prefix, then
   * the name in it, following re-exports (`pkg/__init__.py` doing `from .api import fetch`).
   */
  lookup(qualified: string): LookupResult {
    return this.lookupDepth(qualified, 0);
  }

  functionSummary(qualified: string): FunctionSummary | 'pending' | undefined {
    return this.walk<FunctionSummary>(qualified, 0, (summary, name, member) => {
      if (member === undefined) return summary.functions.get(name) ?? (summary.names.has(name) ? null : undefined);
      return summary.classes.get(name)?.has(member) ? (summary.functions.get(`${name}.${member}`) ?? null) : undefined;
    });
  }

  declaredType(key: string, depth = 0): DeclaredAnswer {
    if (depth > 8) return undefined;
    const here = this.declaredHere(key);
    if (here === undefined || here === 'pending') return here;
    return here.entry.startsWith('=') ? this.followReference(here.entry.slice(1), depth + 1) : { type: here.entry };
  }

  /**
   * A summary's reference to other modules: `key|member|await m()`, the type of `key`, then of each
   * member or call on it in turn (summaries are made without reading other modules).
   */
  private followReference(reference: string, depth: number): DeclaredAnswer {
    const [key, ...steps] = reference.split('|');
    let answer = this.declaredType(key!, depth);
    for (const step of steps) {
      if (answer === undefined || answer === 'pending') return answer;
      answer = this.declaredType(step.startsWith('await ') ? `await ${answer.type}.${step.slice(6)}` : `${answer.type}.${step}`, depth);
    }
    return answer;
  }

  /** The summary's own entry for a key: a type, or a reference (`=...`) to follow. */
  private declaredHere(key: string): { readonly entry: string } | 'pending' | undefined {
    const awaited = key.startsWith('await ');
    const called = key.endsWith('()');
    const qualified = key.slice(awaited ? 6 : 0, called ? -2 : undefined);
    const suffix = called ? '()' : '';
    return this.walk<{ readonly entry: string }>(qualified, 0, (summary, name, member) => {
      const local = `${awaited ? 'await ' : ''}${member === undefined ? name : `${name}.${member}`}${suffix}`;
      const found = summary.declared?.get(local);
      if (found !== undefined) return { entry: found };
      if (member === undefined) return summary.names.has(name) ? null : undefined;
      return summary.classes.get(name)?.has(member) ? null : undefined;
    });
  }

  private lookupDepth(qualified: string, depth: number): LookupResult {
    return this.walk<SymbolKind>(qualified, depth, (summary, name, member) => (member === undefined ? summary.names.get(name) : summary.classes.get(name)?.get(member)));
  }

  /**
   * Resolves `pkg.api.fetch` (or `pkg.api.Client.get`) to the module that defines it: the longest
   * known module prefix, then the name in it, then a class's base classes for a member it does not
   * define, then re-exports (`pkg/__init__.py` doing `from .api import fetch`). `read` answers for one
   * module: a value, `null` for "defined here, nothing to say", undefined for "not here".
   */
  private walk<T>(qualified: string, depth: number, read: (summary: ModuleSummary, name: string, member: string | undefined) => T | null | undefined): T | 'pending' | undefined {
    if (depth > 8 || qualified.startsWith('.')) return undefined;
    const parts = qualified.split('.');
    for (let cut = parts.length - 1; cut >= 1; cut--) {
      const module = parts.slice(0, cut).join('.');
      const summary = this.modules.get(module) ?? this.installed(module);
      if (!summary) {
        if (this.expected.has(module)) return 'pending';
        continue;
      }
      const rest = parts.slice(cut);
      const [name, member] = rest;
      if (!name || rest.length > 2) return undefined;
      const own = read(summary, name, member);
      if (own !== undefined) return own ?? undefined;
      if (member !== undefined && summary.classes.has(name)) {
        for (const base of summary.classBases.get(name) ?? []) {
          const inherited = this.walk(`${base}.${member}`, depth + 1, read);
          if (inherited !== undefined) return inherited;
        }
        return undefined;
      }
      if (member === undefined && summary.names.has(name)) return undefined;
      const target = summary.reexports.get(name);
      return target ? this.walk(member === undefined ? target : `${target}.${member}`, depth + 1, read) : undefined;
    }
    return undefined;
  }
}

/**
 * The dotted module path of a file from its path relative to the import root, with `/` or `\`:
 * `pkg/api.py` -> `pkg.api`, `pkg/__init__.py` -> `pkg.__init__`. Undefined for non-identifiers.
 */
export function modulePathFromRelative(relativePath: string): string | undefined {
  const withoutExt = relativePath.replace(/\.pyi?$/, '');
  const parts = withoutExt.split(/[\\/]+/).filter((p) => p !== '' && p !== '.');
  if (parts.length === 0 || !parts.every((p) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(p))) return undefined;
  return parts.join('.');
}
