/**
 * Figures for `npm run bench:flashcards`: the flashcard player's host side against hostile input
 * (issue 17). One scenario per process (the script runs each in a fresh one, for its peak RSS);
 * prints JSON on stdout; asserts nothing.
 * Input is made before the clock starts; peak RSS includes it.
 *   hostile-deck   one card with 600,000 invalid tags: parse, validate, library, the view's message
 *   many-tags      a valid 5,000-card deck with 100,000 distinct tags: the view's message
 *   dev-zero       a deckPaths entry of /dev/zero through the deck reader
 *   unbounded-read /dev/zero read the way a plain readFile does (what the reader replaced), stopped at 1 GiB or 20 s
 *   progress       loading stored progress of 5,000 studied cards
 */
import { readFile } from 'node:fs/promises';
import { builtinDeck } from '../src/flashcards/builtinDeck';
import { buildLibrary, MAX_DECK_BYTES, parseDeckBytes, type LoadedDeck } from '../src/flashcards/library';
import { emptyProgress, loadProgress } from '../src/flashcards/progress';
import { readRegularFile } from '../src/flashcards/regularFile';
import { Scheduler } from '../src/flashcards/scheduler';
import { StudySession } from '../src/flashcards/session';

function viewMessageBytes(decks: LoadedDeck[]): { messageBytes: number; problems: number; offeredTags: number } {
  const library = buildLibrary([{ source: 'built-in deck', result: builtinDeck() }, ...decks]);
  const session = new StudySession(emptyProgress(), library, new Scheduler(), { newPerDay: 20, learnAheadMinutes: 20 }, new Date());
  const state = session.view(new Date());
  return { messageBytes: JSON.stringify({ type: 'state', state }).length, problems: library.problems.length, offeredTags: state.available.tags.length };
}

/** A scenario: its input is made first (not timed), then `run` is timed. */
interface Scenario {
  run(): Promise<Record<string, unknown>> | Record<string, unknown>;
}

function scenario(name: string): Scenario {
  switch (name) {
    case 'hostile-deck': {
      const tags = Array.from({ length: 600_000 }, () => '');
      const bytes = new TextEncoder().encode(JSON.stringify({ formatVersion: 1, id: 'hostile', name: 'Hostile', cards: [{ id: 'a', front: 'Q', back: 'A', difficulty: 'easy', tags }] }));
      return { run: () => ({ fileBytes: bytes.length, ...viewMessageBytes([{ source: 'hostile.json', result: parseDeckBytes(bytes) }]) }) };
    }
    case 'many-tags': {
      const cards = Array.from({ length: 5_000 }, (_, i) => ({ id: `c${i}`, front: `Q${i}?`, back: 'A', difficulty: 'easy', tags: Array.from({ length: 20 }, (_, j) => `t${i}-${j}`) }));
      const bytes = new TextEncoder().encode(JSON.stringify({ formatVersion: 1, id: 'many', name: 'Many tags', cards }));
      return { run: () => ({ fileBytes: bytes.length, ...viewMessageBytes([{ source: 'many.json', result: parseDeckBytes(bytes) }]) }) };
    }
    case 'dev-zero':
      return {
        run: async () => {
          const read = await readRegularFile('/dev/zero', MAX_DECK_BYTES);
          return { result: read.ok ? `${read.bytes.length} bytes` : read.message };
        },
      };
    case 'unbounded-read':
      return {
        run: async () => {
          const started = performance.now();
          const watch = setInterval(() => {
            if (process.memoryUsage().rss > 1024 ** 3 || performance.now() - started > 20_000) {
              process.stdout.write(JSON.stringify({ ms: Math.round(performance.now() - started), result: 'still reading when stopped at 1 GiB RSS or 20 s' }));
              process.exit(0);
            }
          }, 50);
          const bytes = await readFile('/dev/zero');
          clearInterval(watch);
          return { result: `${bytes.length} bytes` };
        },
      };
    case 'progress': {
      const scheduler = new Scheduler();
      const progress = emptyProgress();
      const day = new Date(2026, 0, 1, 10);
      for (let i = 0; i < 5_000; i++) progress.cards[`d/c${i}`] = scheduler.rate(undefined, 3, day).card;
      const raw: unknown = JSON.parse(JSON.stringify(progress));
      return {
        run: () => {
          const loaded = loadProgress(raw, new Date(2026, 0, 2));
          return { cards: Object.keys(loaded.progress.cards).length, status: loaded.status };
        },
      };
    }
    default:
      throw new Error(`unknown scenario ${name}`);
  }
}

async function main(): Promise<void> {
  const chosen = scenario(process.argv[2] ?? '');
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const figures = await chosen.run();
  const cpu = process.cpuUsage(cpu0);
  process.stdout.write(JSON.stringify({ ms: Math.round(performance.now() - t0), cpuMs: Math.round((cpu.user + cpu.system) / 1000), ...figures }));
}

void main();
