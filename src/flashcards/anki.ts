import { decodeHTML } from 'entities';
import { DECK_LIMITS, DIFFICULTIES, isValidTag, validateCard, validateDeck, withoutForbiddenCharacters, type Deck, type DeckIssue, type Difficulty, type Flashcard } from './deck';

/**
 * Anki's plain-text note format (UTF-8, one note per record, `#key:value` file headers, fields
 * quoted with `"` when they hold a separator, a newline or a quote). Difficulty, rule and snippet
 * links travel as hierarchical tags (`difficulty::easy`, `rule::ACO101`, `snippet::aio-gather`) so
 * an export can be imported back; code samples go into the field text.
 */

const GUID_PREFIX = 'async-coach:';

/** The TSV text of a deck, ready for Anki's File > Import. */
export function exportAnkiTsv(deck: Deck): string {
  const lines = [
    '#separator:Tab',
    '#html:false',
    '#notetype:Basic',
    `#deck:Async Coach::${oneLine(deck.name)}`,
    '#tags:async-coach',
    '#columns:GUID\tFront\tBack\tTags',
    '#guid column:1',
    '#tags column:4',
  ];
  for (const card of deck.cards) {
    const front = card.frontCode ? `${card.front}\n\n${card.frontCode}` : card.front;
    const backParts = [card.back];
    if (card.code) backParts.push(card.code);
    if (card.source?.timestamp) backParts.push(`(video ${card.source.timestamp})`);
    const tags = [...card.tags, `difficulty::${card.difficulty}`, ...card.rules.map((r) => `rule::${r}`), ...card.snippets.map((s) => `snippet::${s}`)];
    lines.push([`${GUID_PREFIX}${deck.id}/${card.id}`, front, backParts.join('\n\n'), tags.join(' ')].map(quoteField).join('\t'));
  }
  return lines.join('\n') + '\n';
}

/** Something in the file that was left out or changed on import, with its line (1-based). */
export interface AnkiLineProblem {
  line: number;
  message: string;
}

/**
 * The decks made from a file (more than one when it has more cards than a deck holds) and what
 * was left out, line by line; not ok only when nothing at all could be imported.
 */
export type AnkiImportResult = { ok: true; decks: Deck[]; problems: AnkiLineProblem[] } | { ok: false; errors: DeckIssue[]; problems: AnkiLineProblem[] };

/** Columns Anki can add that hold no card text. */
const SPECIAL_COLUMNS = ['guid column', 'tags column', 'notetype column', 'deck column'];

/**
 * Reads an Anki text export (or any TSV with front/back columns) into decks named after the
 * file's `#deck` header or `fallbackName`. Honours the `#separator`, `#html`, `#tags`, `#deck`
 * and `#... column` headers. Every card went through the deck validation, so it is as safe as
 * any deck file; a card that fails is left out and reported with its line, the rest are kept.
 */
export function importAnkiTsv(text: string, fallbackName: string): AnkiImportResult {
  const headers = new Map<string, string>();
  const { body, firstLine } = stripHeaders(text.replace(/^\uFEFF/, ''), headers);
  const separator = separatorOf(headers.get('separator'));
  if (separator === undefined) return { ok: false, errors: [{ path: 'line 1', message: `unsupported #separator "${headers.get('separator') ?? ''}"` }], problems: [] };
  const html = headers.get('html')?.toLowerCase() === 'true';
  const guidColumn = columnHeader(headers.get('guid column'));
  const tagsColumn = columnHeader(headers.get('tags column'));
  const special = new Set(SPECIAL_COLUMNS.map((h) => columnHeader(headers.get(h))).filter((c): c is number => c !== undefined));
  const sharedTags = splitTags(headers.get('tags') ?? '');
  const deckName = cleanName(headers.get('deck')?.split('::').pop() ?? '') || cleanName(fallbackName) || 'Imported';

  const cards: Flashcard[] = [];
  const problems: AnkiLineProblem[] = [];
  const used = new Set<string>();
  for (const { line, fields: record } of parseRecords(body, separator, firstLine)) {
    const fields = record.filter((_, i) => !special.has(i + 1)).map((f) => (html ? htmlToText(f) : f).trim());
    const [front, back] = fields;
    if (!front || !back) {
      problems.push({ line, message: 'no front and back: left out' });
      continue;
    }
    const tags = [...sharedTags, ...splitTags(tagsColumn !== undefined ? (record[tagsColumn - 1] ?? '') : '')];
    const guid = guidColumn !== undefined ? record[guidColumn - 1] : undefined;
    const report = (message: string): void => void problems.push({ line, message });
    const checked = validateCard(cardFrom(front, back, tags, uniqueId(idFor(guid, front), used), report), 'card');
    if (checked.card) cards.push(checked.card);
    else report(`${checked.errors.map((e) => `${e.path.replace(/^card\.?/, '') || 'the card'} ${e.message}`).join('; ')}: left out`);
  }
  if (cards.length === 0) return { ok: false, errors: [{ path: '', message: 'no card could be imported' }], problems };
  const decks: Deck[] = [];
  const errors: DeckIssue[] = [];
  const parts = Math.ceil(cards.length / DECK_LIMITS.cards);
  for (let part = 0; part < parts; part++) {
    const suffix = parts > 1 ? ` (${part + 1} of ${parts})` : '';
    const id = `${deckIdFor(deckName)}${parts > 1 ? `-${part + 1}` : ''}`;
    const slice = cards.slice(part * DECK_LIMITS.cards, (part + 1) * DECK_LIMITS.cards);
    const result = validateDeck({ formatVersion: 1, id, name: `${deckName}${suffix}`, cards: slice });
    if (result.ok) decks.push(result.deck);
    else errors.push(...result.errors);
  }
  if (parts > 1) problems.push({ line: firstLine, message: `${cards.length} cards are more than one deck holds (${DECK_LIMITS.cards}): they were split into ${parts} decks` });
  return decks.length > 0 ? { ok: true, decks, problems } : { ok: false, errors, problems };
}

/**
 * A card from one record. Tags a deck cannot hold (spaces are impossible, but `&`, `/` or more
 * than 40 characters are not) are left out and reported, as are tags past the 20th.
 */
function cardFrom(front: string, back: string, allTags: string[], id: string, report: (message: string) => void): Flashcard {
  let difficulty: Difficulty = 'medium';
  const tags = new Set<string>();
  const rules = new Set<string>();
  const snippets = new Set<string>();
  const odd: string[] = [];
  for (const tag of allTags) {
    const [kind, value = ''] = tag.split('::', 2);
    if (kind === 'difficulty' && (DIFFICULTIES as readonly string[]).includes(value)) difficulty = value as Difficulty;
    else if (kind === 'rule' && /^ACO\d{3}$/.test(value)) rules.add(value);
    else if (kind === 'snippet' && /^[a-z][a-z0-9-]{0,39}$/.test(value)) snippets.add(value);
    else if (tag === 'async-coach') continue;
    else if (isValidTag(tag)) tags.add(tag);
    else odd.push(tag);
  }
  if (odd.length > 0) report(`tag${odd.length === 1 ? '' : 's'} ${odd.map((t) => JSON.stringify(clip(t, 40))).join(', ')} left out: a tag is letters, digits and _:.+- (at most 40)`);
  const keep = <T>(set: Set<T>, max: number, what: string): T[] => {
    const all = [...set];
    if (all.length > max) report(`${all.length} ${what}; the first ${max} were kept`);
    return all.slice(0, max);
  };
  return { id, front, back, difficulty, tags: keep(tags, DECK_LIMITS.tags, 'tags'), rules: keep(rules, DECK_LIMITS.links, 'rule links'), snippets: keep(snippets, DECK_LIMITS.links, 'snippet links') };
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** A deck name from a header or a file name: one line, nothing a deck refuses, at most 90 characters. */
function cleanName(name: string): string {
  return clip(withoutForbiddenCharacters(name).replace(/\s+/g, ' ').trim(), 90);
}

/** Our own GUIDs give back the original card id; anything else gets a stable id from its text. */
function idFor(guid: string | undefined, text: string): string {
  const ours = guid?.startsWith(GUID_PREFIX) ? guid.slice(GUID_PREFIX.length).split('/').pop() : undefined;
  if (ours && /^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$/.test(ours)) return ours;
  return `anki-${fnv1a(guid || text)}`;
}

/** `imported-python-basics` for "Python basics"; a hash when the name has no usable letters. */
function deckIdFor(name: string): string {
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60);
  return `imported-${slug || fnv1a(name)}`;
}

function uniqueId(id: string, used: Set<string>): string {
  let candidate = id;
  for (let n = 2; used.has(candidate); n++) candidate = `${id}-${n}`;
  used.add(candidate);
  return candidate;
}

function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

/** Reads the `#key:value` lines at the top; the body starts at `firstLine` (1-based). */
function stripHeaders(text: string, headers: Map<string, string>): { body: string; firstLine: number } {
  const lines = text.split(/\r?\n/);
  let i = 0;
  for (; i < lines.length; i++) {
    const m = /^#([a-z ]+):(.*)$/i.exec(lines[i] ?? '');
    if (!m) break;
    headers.set((m[1] ?? '').trim().toLowerCase(), (m[2] ?? '').trim());
  }
  return { body: lines.slice(i).join('\n'), firstLine: i + 1 };
}

const SEPARATORS: Readonly<Record<string, string>> = { tab: '\t', comma: ',', semicolon: ';', pipe: '|', colon: ':', space: ' ' };

function separatorOf(value: string | undefined): string | undefined {
  if (value === undefined) return '\t';
  return SEPARATORS[value.toLowerCase()] ?? (value.length === 1 ? value : undefined);
}

function columnHeader(value: string | undefined): number | undefined {
  const n = value === undefined ? NaN : Number(value);
  return Number.isInteger(n) && n >= 1 ? n : undefined;
}

function splitTags(text: string): string[] {
  return text.split(/\s+/).filter((t) => t !== '');
}

/** One record of an export, with the line it starts on. */
export interface AnkiRecord {
  line: number;
  fields: string[];
}

/**
 * Records of fields; a field starting with `"` runs to the closing quote (`""` is a quote) and may
 * span lines. `firstLine` is the line number of the text's first line.
 */
export function parseRecords(text: string, separator: string, firstLine = 1): AnkiRecord[] {
  const records: AnkiRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = firstLine;
  let start = line;
  let i = 0;
  const endRecord = (): void => {
    fields.push(field);
    if (!(fields.length === 1 && fields[0] === '')) records.push({ line: start, fields });
    fields = [];
    field = '';
  };
  while (i < text.length) {
    const ch = text[i];
    if (field === '' && fields.length === 0) start = line;
    if (ch === '#' && field === '' && fields.length === 0) {
      // An unquoted # at the start of a record is a comment line.
      const end = text.indexOf('\n', i);
      i = end < 0 ? text.length : end + 1;
      line++;
      continue;
    }
    if (ch === '"' && field === '') {
      let j = i + 1;
      for (; j < text.length; j++) {
        if (text[j] === '"') {
          if (text[j + 1] === '"') {
            field += '"';
            j++;
          } else break;
        } else {
          if (text[j] === '\n') line++;
          field += text[j];
        }
      }
      i = j + 1;
      continue;
    }
    if (ch === separator) {
      fields.push(field);
      field = '';
    } else if (ch === '\n' || (ch === '\r' && text[i + 1] === '\n')) {
      if (ch === '\r') i++;
      endRecord();
      line++;
    } else {
      field += ch;
    }
    i++;
  }
  if (field !== '' || fields.length > 0) endRecord();
  return records;
}

function quoteField(value: string): string {
  // A leading # would read as a comment line on import.
  return /["\t\n\r]/.test(value) || value.startsWith('#') ? `"${value.replace(/"/g, '""')}"` : value;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * Turns Anki's HTML fields into plain text (the player only ever shows text): line breaks kept,
 * tags removed, then every HTML entity decoded by `entities` (named, decimal and hex, as a
 * browser does). Non-breaking spaces become spaces: code copied from a card must run.
 */
function htmlToText(html: string): string {
  const text = html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(div|p)>/gi, '\n')
    .replace(/<[^>]*>/g, '');
  return decodeHTML(text).replace(/\u00A0/g, ' ');
}
