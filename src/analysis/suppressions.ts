/**
 * `# noqa` comments. A line comment `# noqa` silences every finding reported on that line and
 * `# noqa: ACO101, ACO201` only those codes; `# async-coach: noqa` (optionally `: CODES`) in the
 * file's first comment block silences the whole file. Codes of other tools (`# noqa: E501`) do
 * not silence ours.
 */
export interface Suppressions {
  /** File level: `all`, a set of codes, or undefined for none. */
  readonly file: 'all' | ReadonlySet<string> | undefined;
  /** 0-based line -> `all` or the codes silenced on it. */
  readonly lines: ReadonlyMap<number, 'all' | ReadonlySet<string>>;
}

const LINE_NOQA = /#\s*noqa\b(?::[ \t]*([A-Za-z]+[0-9]+(?:[ \t]*[, \t][ \t]*[A-Za-z]+[0-9]+)*))?/gi;
const FILE_NOQA = /^#\s*async-coach:\s*noqa\b(?::\s*([A-Za-z]+[0-9]+(?:\s*[,\s]\s*[A-Za-z]+[0-9]+)*))?/i;

/**
 * Finds the suppression comments of a source. `isComment(offset)` tells a real comment from a
 * `#` inside a string (the analyzer answers it from the syntax tree).
 */
export function findSuppressions(source: string, isComment: (offset: number) => boolean): Suppressions {
  const lines = new Map<number, 'all' | Set<string>>();
  if (source.includes('noqa') || source.includes('NOQA')) {
    let line = 0;
    let scanned = 0;
    for (const match of source.matchAll(LINE_NOQA)) {
      const offset = match.index;
      if (!isComment(offset)) continue;
      for (let i = source.indexOf('\n', scanned); i !== -1 && i < offset; i = source.indexOf('\n', i + 1)) {
        line++;
        scanned = i + 1;
      }
      const codes = parseCodes(match[1]);
      const previous = lines.get(line);
      if (codes === 'all' || previous === 'all') lines.set(line, 'all');
      else lines.set(line, new Set([...(previous ?? []), ...codes]));
    }
  }
  return { file: fileLevel(source, isComment), lines };
}

/** A `# noqa[: CODES]` inside a comment's text: where it starts, how long it is, what it silences. */
export interface LineNoqa {
  readonly index: number;
  readonly length: number;
  readonly codes: 'all' | ReadonlySet<string>;
}

/** Reads one comment's text the way {@link findSuppressions} does (the editor's noqa actions write to it). */
export function parseLineNoqa(comment: string): LineNoqa | undefined {
  const match = new RegExp(LINE_NOQA.source, 'i').exec(comment);
  return match ? { index: match.index, length: match[0].length, codes: parseCodes(match[1]) } : undefined;
}

/** Reads a trimmed line of the first comment block for `# async-coach: noqa[: CODES]`. */
export function parseFileNoqa(trimmedLine: string): 'all' | ReadonlySet<string> | undefined {
  const match = FILE_NOQA.exec(trimmedLine);
  return match ? parseCodes(match[1]) : undefined;
}

/** Lines of the first comment block are blank or comments (shebang and coding included). */
export function inFirstCommentBlock(trimmedLine: string): boolean {
  return trimmedLine === '' || trimmedLine.startsWith('#');
}

/** True when a finding of `code` reported on `line` is silenced. */
export function isSuppressed(suppressions: Suppressions, code: string, line: number): boolean {
  const file = suppressions.file;
  if (file === 'all' || file?.has(code)) return true;
  const onLine = suppressions.lines.get(line);
  return onLine === 'all' || onLine?.has(code) === true;
}

/** The first comment block: the leading lines that are blank or comments (shebang and coding included). */
function fileLevel(source: string, isComment: (offset: number) => boolean): 'all' | Set<string> | undefined {
  let result: 'all' | Set<string> | undefined;
  let offset = 0;
  while (offset < source.length) {
    const end = source.indexOf('\n', offset);
    const lineEnd = end === -1 ? source.length : end;
    const line = source.slice(offset, lineEnd);
    const trimmed = line.trim();
    if (!inFirstCommentBlock(trimmed)) break;
    const codes = parseFileNoqa(trimmed);
    if (codes && isComment(offset + line.indexOf('#'))) {
      result = codes === 'all' || result === 'all' ? 'all' : new Set([...(result ?? []), ...codes]);
    }
    offset = lineEnd + 1;
  }
  return result;
}

function parseCodes(list: string | undefined): 'all' | Set<string> {
  if (!list) return 'all';
  return new Set(list.split(/[\s,]+/).filter(Boolean).map((c) => c.toUpperCase()));
}
