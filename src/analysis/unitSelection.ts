import type { FileModel, Unit } from './model/fileModel';
import { ASYNCIO_COROUTINE_FUNCTIONS, ASYNCIO_TASK_FACTORIES, KNOWN_TYPES } from './model/knownApis';
import type { WorkspaceLookup } from './workspace/workspaceIndex';

/**
 * Words whose presence in a file makes some coroutine methods worth looking for: a type's short
 * name (`Queue`) brings its methods (`put`, `get`, `join`); an event loop getter brings the loop's.
 */
const HINTS: ReadonlyMap<string, readonly string[]> = (() => {
  const hints = new Map<string, string[]>();
  for (const [key, type] of KNOWN_TYPES) {
    if (type.kind === 'loop') continue;
    hints.set(key.split('.').pop()!, [...type.coroutineMethods]);
  }
  const loopMethods = [...KNOWN_TYPES.get('asyncio.AbstractEventLoop')!.coroutineMethods];
  for (const word of ['get_event_loop', 'get_running_loop', 'new_event_loop']) hints.set(word, loopMethods);
  for (const word of ['open_connection', 'open_unix_connection']) hints.set(word, [...KNOWN_TYPES.get('asyncio.StreamReader')!.coroutineMethods, ...KNOWN_TYPES.get('asyncio.StreamWriter')!.coroutineMethods]);
  for (const word of ['create_subprocess_exec', 'create_subprocess_shell']) hints.set(word, [...KNOWN_TYPES.get('asyncio.subprocess.Process')!.coroutineMethods]);
  return hints;
})();
const HINT_PATTERN = new RegExp(`\\b(?:asyncio|${[...HINTS.keys()].join('|')})\\b`, 'g');

/** The words of `text` that bring coroutine methods into play (`asyncio`, `Queue`, `get_event_loop`...). */
export function hintWords(text: string): Set<string> {
  const seen = new Set<string>();
  for (const match of text.matchAll(HINT_PATTERN)) seen.add(match[0]);
  return seen;
}

/**
 * Picks the units worth modelling: those whose text mentions `async` or `await`, or calls a name
 * that may create a coroutine or a task. A sync function that calls none of them cannot hold a
 * finding of any rule, so its body is never copied out of the tree: that is most of a typical file.
 */
export class UnitSelector {
  /** What the selector looks for: part of the unit cache's file signature. */
  readonly signature: string;
  private readonly pattern: RegExp;

  constructor(file: FileModel, workspace: WorkspaceLookup | undefined) {
    const hints = file.hintWords();
    const callNames = [...candidateCallNames(file, workspace, hints)].sort();
    const moduleAliases = [...candidateModuleAliases(file, workspace)].sort();
    const parts = ['\\b(?:async|await)\\b'];
    if (callNames.length > 0) parts.push(`\\b(?:${callNames.map(escape).join('|')})\\s*\\(`);
    if (moduleAliases.length > 0) parts.push(`\\b(?:${moduleAliases.map(escape).join('|')})\\s*\\.`);
    this.pattern = new RegExp(parts.join('|'), 'g');
    this.signature = parts.join('|');
  }

  /** Every unit of the file that matches, in one pass over the text. */
  select(file: FileModel): Unit[] {
    const units = file.units;
    const picked: Unit[] = [];
    let next = 0;
    for (const match of file.source.matchAll(this.pattern)) {
      const offset = match.index;
      while (next < units.length && units[next]!.node.endIndex <= offset) next++;
      const unit = units[next];
      if (!unit || unit.node.startIndex > offset) continue;
      picked.push(unit);
      next++;
    }
    return picked;
  }

  /** Whether one unit's text matches (for callers that already know the other units). */
  matches(unitText: string): boolean {
    this.pattern.lastIndex = 0;
    return this.pattern.test(unitText);
  }
}

/** Names that, called, may create a coroutine or a task. */
function candidateCallNames(file: FileModel, workspace: WorkspaceLookup | undefined, seen: ReadonlySet<string>): Set<string> {
  const names = new Set<string>();
  for (const q of ASYNCIO_TASK_FACTORIES) names.add(q.split('.').pop()!);
  names.add('create_task');
  // One pass over the text finds which hint words occur.
  if (seen.has('asyncio')) for (const q of ASYNCIO_COROUTINE_FUNCTIONS) names.add(q.split('.').pop()!);
  for (const word of seen) for (const m of HINTS.get(word) ?? []) names.add(m);
  for (const scope of file.moduleScope.allScopes()) {
    for (const [name, bindings] of scope.bindings) {
      if (bindings.some((b) => b.kind === 'async-def')) names.add(name);
    }
  }
  if (workspace) {
    for (const [name, bindings] of file.moduleScope.bindings) {
      if (bindings.some((b) => b.kind === 'import' && !b.isModuleImport && b.qualified !== undefined && isWorkspaceCoroutine(workspace, b.qualified))) names.add(name);
    }
  }
  return names;
}

/** Module aliases through which workspace coroutine functions may be called (`api.fetch()`). */
function candidateModuleAliases(file: FileModel, workspace: WorkspaceLookup | undefined): Set<string> {
  const aliases = new Set<string>();
  if (!workspace) return aliases;
  for (const [name, bindings] of file.moduleScope.bindings) {
    if (bindings.some((b) => b.kind === 'import' && b.qualified !== undefined && (b.isModuleImport || workspace.hasModule(b.qualified)))) {
      const q = bindings[0]?.qualified;
      if (q && !q.startsWith('asyncio') && workspace.hasModule(q)) aliases.add(name);
    }
  }
  return aliases;
}

function isWorkspaceCoroutine(workspace: WorkspaceLookup, qualified: string): boolean {
  const kind = workspace.lookup(qualified);
  return kind === 'async' || kind === 'pending';
}

function escape(name: string): string {
  return name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
