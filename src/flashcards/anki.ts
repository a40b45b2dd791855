import { validateDeck, DIFFICULTIES, type Deck, type DeckIssue, type Difficulty, type Flashcard } from './deck';

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

export type AnkiImportResult = { ok: true; deck: Deck; skipped: number } | { ok: false; errors: DeckIssue[] };

/**
 * Reads an Anki text export (or any TSV with front/back columns) into a deck named `name`.
 * Honours the `#separator`, `#html`, `#tags`, `#deck`, `#guid column` and `#tags column` headers.
 * The result went through `validateDeck`, so it is as safe as any deck file.
 */
export function importAnkiTsv(text: string, fallbackName: string): AnkiImportResult {
  const headers = new Map<string, string>();
  const body = stripHeaders(text.replace(/^\uFEFF/, ''), headers);
  const separator = separatorOf(headers.get('separator'));
  if (separator === undefined) return { ok: false, errors: [{ path: 'line 1', message: `unsupported #separator "${headers.get('separator') ?? ''}"` }] };
  const html = headers.get('html')?.toLowerCase() === 'true';
  const guidColumn = columnHeader(headers.get('guid column'));
  const tagsColumn = columnHeader(headers.get('tags column'));
  const sharedTags = splitTags(headers.get('tags') ?? '');
  const deckName = headers.get('deck')?.split('::').pop()?.trim() || fallbackName;

  const cards: Flashcard[] = [];
  const used = new Set<string>();
  let skipped = 0;
  for (const record of parseRecords(body, separator)) {
    const special = new Set([guidColumn, tagsColumn].filter((c): c is number => c !== undefined));
    const fields = record.filter((_, i) => !special.has(i + 1)).map((f) => (html ? htmlToText(f) : f).trim());
    const [front, back] = fields;
    if (!front || !back) {
      skipped++;
      continue;
    }
    const tags = [...sharedTags, ...splitTags(tagsColumn !== undefined ? (record[tagsColumn - 1] ?? '') : '')];
    const guid = guidColumn !== undefined ? record[guidColumn - 1] : undefined;
    cards.push(cardFrom(front, back, tags, uniqueId(idFor(guid, front), used)));
  }
  const result = validateDeck({ formatVersion: 1, id: deckIdFor(deckName), name: deckName, cards });
  if (!result.ok) return result;
  return { ok: true, deck: result.deck, skipped };
}

function cardFrom(front: string, back: string, allTags: string[], id: string): Flashcard {
  let difficulty: Difficulty = 'medium';
  const tags: string[] = [];
  const rules: string[] = [];
  const snippets: string[] = [];
  for (const tag of allTags) {
    const [kind, value = ''] = tag.split('::', 2);
    if (kind === 'difficulty' && (DIFFICULTIES as readonly string[]).includes(value)) difficulty = value as Difficulty;
    else if (kind === 'rule' && /^ACO\d{3}$/.test(value)) rules.push(value);
    else if (kind === 'snippet' && value) snippets.push(value);
    else if (tag !== 'async-coach' && !tags.includes(tag)) tags.push(tag);
  }
  return { id, front, back, difficulty, tags, rules, snippets };
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

function stripHeaders(text: string, headers: Map<string, string>): string {
  const lines = text.split(/\r?\n/);
  let i = 0;
  for (; i < lines.length; i++) {
    const m = /^#([a-z ]+):(.*)$/i.exec(lines[i] ?? '');
    if (!m) break;
    headers.set((m[1] ?? '').trim().toLowerCase(), (m[2] ?? '').trim());
  }
  return lines.slice(i).join('\n');
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

/** Records of fields; a field starting with `"` runs to the closing quote (`""` is a quote). */
export function parseRecords(text: string, separator: string): string[][] {
  const records: string[][] = [];
  let fields: string[] = [];
  let field = '';
  let i = 0;
  const endRecord = (): void => {
    fields.push(field);
    if (!(fields.length === 1 && fields[0] === '')) records.push(fields);
    fields = [];
    field = '';
  };
  while (i < text.length) {
    const ch = text[i];
    if (ch === '#' && field === '' && fields.length === 0) {
      // An unquoted # at the start of a record is a comment line.
      const end = text.indexOf('\n', i);
      i = end < 0 ? text.length : end + 1;
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
        } else field += text[j];
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

/** Turns Anki's HTML fields into plain text (the player only ever shows text). */
function htmlToText(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(div|p)>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}
