// Reads a VS Code snippets file (the JSON contributed under `contributes.snippets`) into plain
// definitions, reporting every shape problem instead of stopping at the first.

export interface SnippetDefinition {
  /** The key in the file: what `editor.action.insertSnippet` takes as `name`. */
  name: string;
  prefixes: string[];
  /** The body lines joined with `\n`, as the editor joins them. */
  body: string;
  description: string;
}

export interface SnippetFile {
  snippets: SnippetDefinition[];
  problems: string[];
}

/** Properties VS Code reads from a snippet; anything else is most likely a misspelling. */
const KNOWN_PROPERTIES = new Set(['prefix', 'body', 'description', 'scope', 'isFileTemplate', 'include', 'exclude']);

export function readSnippetFile(json: unknown): SnippetFile {
  const snippets: SnippetDefinition[] = [];
  const problems: string[] = [];
  if (!isRecord(json)) return { snippets, problems: ['the file must hold a JSON object of snippets'] };
  for (const [name, value] of Object.entries(json)) {
    if (!isRecord(value)) {
      problems.push(`${name}: must be an object`);
      continue;
    }
    const before = problems.length;
    for (const key of Object.keys(value)) {
      if (!KNOWN_PROPERTIES.has(key)) problems.push(`${name}: unknown property "${key}"`);
    }
    const prefixes = typeof value.prefix === 'string' ? [value.prefix] : value.prefix;
    if (!isStringArray(prefixes) || prefixes.length === 0 || prefixes.some((p) => p.trim() === '')) {
      problems.push(`${name}: "prefix" must be a non-empty string or array of non-empty strings`);
    }
    const body = typeof value.body === 'string' ? [value.body] : value.body;
    if (!isStringArray(body) || body.join('').trim() === '') problems.push(`${name}: "body" must be a non-empty string or array of strings`);
    if (typeof value.description !== 'string' || value.description.trim() === '') {
      problems.push(`${name}: "description" must be a non-empty string`);
    }
    if (problems.length === before) {
      snippets.push({ name, prefixes: prefixes as string[], body: (body as string[]).join('\n'), description: value.description as string });
    }
  }
  return { snippets, problems };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}
