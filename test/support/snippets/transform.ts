import type { FormatPart, Transform } from './grammar';

/**
 * Applies a `/regex/format/flags` transform the way VS Code does: each match is replaced by the
 * format; when nothing matches and the format has an "else" branch, the whole value becomes the
 * format evaluated with empty groups (so `${1:-fallback}` can fill an empty value).
 */
export function applyTransform(transform: Transform, value: string): string {
  let matched = false;
  const result = value.replace(transform.regex, (...args: unknown[]) => {
    matched = true;
    return renderFormat(transform.format, captureGroups(args));
  });
  if (!matched && transform.format.some((part) => part.kind === 'group' && part.elseValue)) {
    return renderFormat(transform.format, []);
  }
  return result;
}

/** The whole match and its numbered groups from String.replace's callback arguments. */
function captureGroups(args: unknown[]): (string | undefined)[] {
  // The callback receives (match, ...groups, offset, input) plus a trailing object of named groups when the regex has any.
  const tail = typeof args[args.length - 1] === 'object' ? 3 : 2;
  return args.slice(0, args.length - tail) as (string | undefined)[];
}

function renderFormat(format: readonly FormatPart[], groups: readonly (string | undefined)[]): string {
  let out = '';
  for (const part of format) {
    out += part.kind === 'text' ? part.value : resolveGroup(part, groups[part.index] ?? '');
  }
  return out;
}

function resolveGroup(part: Extract<FormatPart, { kind: 'group' }>, value: string): string {
  switch (part.shorthand) {
    case 'upcase':
      return value.toLocaleUpperCase();
    case 'downcase':
      return value.toLocaleLowerCase();
    case 'capitalize':
      return value ? value[0]!.toLocaleUpperCase() + value.slice(1) : '';
    case 'pascalcase':
      return joinWords(value, (word) => capitalizeFirst(word));
    case 'camelcase':
      return joinWords(value, (word, i) => (i === 0 ? word[0]!.toLowerCase() + word.slice(1) : capitalizeFirst(word)));
  }
  // Unknown shorthands fall through to the conditional forms, as in the editor.
  if (value && part.ifValue !== undefined) return part.ifValue;
  if (!value && part.elseValue !== undefined) return part.elseValue;
  return value;
}

function capitalizeFirst(word: string): string {
  return word[0]!.toUpperCase() + word.slice(1);
}

/** Splits on anything that is not a letter or digit; a value with no such word is returned as is. */
function joinWords(value: string, map: (word: string, index: number) => string): string {
  const words = value.match(/[a-z0-9]+/gi);
  return words ? words.map(map).join('') : value;
}
