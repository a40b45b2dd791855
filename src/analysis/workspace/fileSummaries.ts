import type { CallFacts } from '../model/callFacts';
import type { FileModel } from '../model/fileModel';
import type { PyNode } from '../syntax/pyNode';
import { EffectResolver, type SummarySource } from './effectResolver';
import type { FunctionSummary } from './effects';
import { summarizeFunction } from './summarizeFunction';
import type { WorkspaceLookup } from './workspaceIndex';

/**
 * Summaries of this file's functions, kept between analyses of one document: by the copied `def`
 * node (an editor reuses the copy of an unchanged statement, so no text is hashed), else by qualified
 * name and text. Valid while the file-level signature is unchanged (imports and class shapes decide
 * what a summary's calls refer to): {@link clearSummaryCache} then.
 */
export interface SummaryCache {
  byNode: WeakMap<PyNode, { readonly qualname: string; readonly summary: FunctionSummary | undefined }>;
  readonly byText: Map<string, FunctionSummary | null>;
}

export function createSummaryCache(): SummaryCache {
  return { byNode: new WeakMap(), byText: new Map() };
}

export function clearSummaryCache(cache: SummaryCache): void {
  cache.byNode = new WeakMap();
  cache.byText.clear();
}

/**
 * The function summaries one analysis sees: this file's own functions (summarised when first asked,
 * so code no rule looks at costs nothing), then the workspace index's. Records which of this file's
 * summaries a unit's findings rest on, so the editor can keep those findings until one of them changes.
 */
export class FileSummaries implements SummarySource {
  readonly effects: EffectResolver;
  /** Set when an answer waited on a workspace module not read yet: the findings that needed it were left out. */
  pending = false;
  private readonly byQualname = new Map<string, FunctionSummary | undefined>();
  private readonly defs = new Map<string, PyNode | null>();
  private readonly fingerprints = new WeakMap<FunctionSummary, string>();

  constructor(
    readonly facts: CallFacts,
    private readonly workspace: WorkspaceLookup | undefined,
    private readonly cache: SummaryCache | undefined,
  ) {
    this.effects = new EffectResolver(this);
  }

  private get file(): FileModel {
    return this.facts.resolver.file;
  }

  summaryOf(qualified: string): FunctionSummary | 'pending' | undefined {
    const own = this.facts.ownModule + '.';
    if (qualified.startsWith(own)) return this.local(qualified.slice(own.length));
    const answer = this.workspace?.functionSummary(qualified);
    if (answer === 'pending') this.pending = true;
    return answer;
  }

  /** The summary of a function of this file by its qualified name within the module (`Client.get`). */
  local(qualname: string): FunctionSummary | undefined {
    if (this.byQualname.has(qualname)) return this.byQualname.get(qualname);
    const def = this.findDef(qualname);
    let summary: FunctionSummary | undefined;
    if (def) summary = this.summarize(qualname, def);
    this.byQualname.set(qualname, summary);
    return summary;
  }

  private summarize(qualname: string, def: PyNode): FunctionSummary | undefined {
    if (!this.cache) return summarizeFunction(def, this.facts);
    const byNode = this.cache.byNode.get(def);
    if (byNode?.qualname === qualname) return byNode.summary;
    const key = `${qualname}\u0000${def.text}`;
    const cached = this.cache.byText.get(key);
    const summary = cached === undefined ? summarizeFunction(def, this.facts) : (cached ?? undefined);
    this.cache.byText.set(key, summary ?? null);
    this.cache.byNode.set(def, { qualname, summary });
    return summary;
  }

  /** Starts recording the summaries consulted (one analysis unit's worth). */
  startRecording(): void {
    this.effects.resetConsulted();
  }

  /** This file's summaries that answers rested on since {@link startRecording}, each with its fingerprint. */
  recorded(): [string, string][] {
    const own = this.facts.ownModule + '.';
    const out: [string, string][] = [];
    for (const q of this.effects.consulted) if (q.startsWith(own)) out.push([q.slice(own.length), this.fingerprint(this.local(q.slice(own.length)))]);
    return out;
  }

  /** True when each recorded summary still has the fingerprint it had (the findings that rested on them hold). */
  stillMatches(recorded: readonly (readonly [string, string])[]): boolean {
    return recorded.every(([qualname, fp]) => this.fingerprint(this.local(qualname)) === fp);
  }

  private fingerprint(summary: FunctionSummary | undefined): string {
    if (!summary) return '-';
    let fp = this.fingerprints.get(summary);
    if (fp === undefined) this.fingerprints.set(summary, (fp = JSON.stringify(summary)));
    return fp;
  }

  /** The `def` with this qualified name (`f`, `C.m`, `f.<locals>.g`); undefined when absent or defined twice. */
  findDef(qualname: string): PyNode | undefined {
    if (this.defs.has(qualname)) return this.defs.get(qualname) ?? undefined;
    const parts = qualname.split('.');
    let statements: readonly PyNode[] = this.file.root.children;
    let found: PyNode | undefined;
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i]!;
      if (part === '<locals>') {
        if (found?.type !== 'function_definition') return this.remember(qualname, undefined);
        this.file.complete(found);
        statements = found.child('body')?.children ?? [];
        continue;
      }
      const matches = definitionsNamed(statements, part, parts[i + 1] === '<locals>' || i === parts.length - 1);
      if (matches.length !== 1) return this.remember(qualname, undefined);
      found = matches[0]!;
      statements = found.type === 'class_definition' ? (found.child('body')?.children ?? []) : [];
    }
    return this.remember(qualname, found?.type === 'function_definition' ? found : undefined);
  }

  private remember(qualname: string, def: PyNode | undefined): PyNode | undefined {
    this.defs.set(qualname, def ?? null);
    return def;
  }
}

/** The `def`s (or, when `functions` is false, the classes) of a name among statements, looking into `if`/`try` blocks. */
function definitionsNamed(statements: readonly PyNode[], name: string, functions: boolean): PyNode[] {
  const out: PyNode[] = [];
  const visit = (list: readonly PyNode[]): void => {
    for (const stmt of list) {
      const def = stmt.type === 'decorated_definition' ? stmt.child('definition') : stmt;
      if (def && (def.type === 'function_definition' || def.type === 'class_definition')) {
        if (def.child('name')?.text === name && (def.type === 'function_definition') === functions) out.push(def);
        continue;
      }
      for (const c of stmt.children) {
        if (c.type === 'block') visit(c.children);
        else if (/^(if|elif|else|try|except|finally|with|for|while)/.test(c.type)) visit([c]);
      }
    }
  };
  visit(statements);
  return out;
}
