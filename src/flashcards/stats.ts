import type { StatsView } from '../shared/protocol';
import { nextDayStart, studyDayKey, type Progress } from './progress';

/**
 * The statistics view's figures. `forecast`: cards already studied coming due per study day
 * (`Today` includes overdue, then `Tomorrow` and weekday names); `streakDays`: consecutive study
 * days with an answer, up to today (or yesterday when today has none yet); `retention`: share of
 * reviews of graduated cards not answered Again in the last 30 days; `totals`: cards by state.
 */
export type StudyStats = StatsView;

const FORECAST_DAYS = 7;
const RETENTION_WINDOW_DAYS = 30;
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** Statistics over the cards in `keys` (the loaded decks) at `now`. */
export function computeStats(progress: Progress, keys: readonly string[], now: Date): StudyStats {
  const t = now.getTime();
  const dayEnds: number[] = [];
  for (let i = 0, end = nextDayStart(t); i < FORECAST_DAYS; i++, end = nextDayStart(end)) dayEnds.push(end);
  const forecast: StudyStats['forecast'] = dayEnds.map((end, i) => ({ label: dayLabel(i, end), count: 0 }));
  const totals = { new: 0, learning: 0, review: 0 };
  for (const key of keys) {
    const card = progress.cards[key];
    if (!card || card.state === 0) {
      totals.new++;
      continue;
    }
    if (card.state === 2) totals.review++;
    else totals.learning++;
    const day = dayEnds.findIndex((end) => card.due < end);
    const slot = day >= 0 ? forecast[day] : undefined;
    if (slot) slot.count++;
  }

  const today = studyDayKey(t);
  const windowStart = t - RETENTION_WINDOW_DAYS * 86_400_000;
  let reviewsToday = 0;
  let mature = 0;
  let passed = 0;
  for (const r of progress.reviews) {
    if (studyDayKey(r.at) === today) reviewsToday++;
    if (r.at >= windowStart && r.state === 2) {
      mature++;
      if (r.rating > 1) passed++;
    }
  }
  return {
    forecast,
    reviewsToday,
    streakDays: streak(progress.days, t),
    retention: { percent: mature === 0 ? null : Math.round((passed / mature) * 100), reviews: mature },
    totals,
  };
}

function streak(days: Readonly<Record<string, number>>, now: number): number {
  const [y = 0, m = 1, d = 1] = studyDayKey(now).split('-').map(Number);
  // Noon of the study day: stepping back a calendar day from there never trips over DST.
  const cursor = new Date(y, m - 1, d, 12);
  const present = (): boolean => (days[studyDayKey(cursor.getTime())] ?? 0) > 0;
  // Today without answers yet does not break a streak that ran until yesterday.
  if (!present()) cursor.setDate(cursor.getDate() - 1);
  let n = 0;
  while (present()) {
    n++;
    cursor.setDate(cursor.getDate() - 1);
  }
  return n;
}

function dayLabel(index: number, dayEnd: number): string {
  if (index === 0) return 'Today';
  if (index === 1) return 'Tomorrow';
  return WEEKDAYS[new Date(dayEnd - 86_400_000).getDay()] ?? `+${index}d`;
}
