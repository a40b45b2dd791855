import type { RunView, SegmentKind } from '../shared/timelineProtocol';
import { formatSeconds } from '../shared/duration';

const GLYPH: Record<SegmentKind, string> = { running: '█', blocking: '▓', blocked: '▒', waiting: '·' };
/** In a column that holds several kinds, the one drawn: a stall shows even when it is short. */
const PRIORITY: SegmentKind[] = ['blocking', 'blocked', 'running', 'waiting'];
const LABEL_WIDTH = 28;

/**
 * A run as text for the terminal (`async-coach trace` without --json): one row per task, nested
 * under its parent, `width` columns from 0 to the total; then the stalls with their lines.
 */
export function textTimeline(run: RunView, width = 56): string[] {
  const lines: string[] = [];
  const stalls = run.stalls.length === 0 ? 'no stalls' : `${run.stalls.length} stall${run.stalls.length === 1 ? '' : 's'}`;
  lines.push(`${run.label}: ${run.totalText}, ${run.lanes.length} task${run.lanes.length === 1 ? '' : 's'}, ${stalls}; the program ${run.exitText}`);
  for (const note of run.notes) lines.push(note);
  if (run.lanes.length === 0) return lines;
  const total = run.total > 0 ? run.total : 1;
  const end = formatSeconds(run.total);
  lines.push(`${' '.repeat(LABEL_WIDTH)} 0 s${' '.repeat(Math.max(1, width - 3 - end.length))}${end}`);
  for (const lane of run.lanes) {
    const cells: (SegmentKind | undefined)[] = new Array<SegmentKind | undefined>(width).fill(undefined);
    for (const seg of lane.segments) {
      const from = Math.min(width - 1, Math.floor((seg.start / total) * width));
      const to = Math.min(width - 1, Math.max(from, Math.ceil((seg.end / total) * width) - 1));
      for (let c = from; c <= to; c++) {
        const current = cells[c];
        if (current === undefined || PRIORITY.indexOf(seg.kind) < PRIORITY.indexOf(current)) cells[c] = seg.kind;
      }
    }
    const bar = cells.map((k) => (k ? GLYPH[k] : ' ')).join('');
    const label = `${'  '.repeat(lane.depth)}${lane.title}${lane.name ? ` "${lane.name}"` : ''}`;
    const fitted = label.length > LABEL_WIDTH - 1 ? `${label.slice(0, LABEL_WIDTH - 2)}…` : label;
    lines.push(`${fitted.padEnd(LABEL_WIDTH)} ${bar}  ${outcomeWord(lane.outcome, lane.error)}`);
  }
  lines.push(`${' '.repeat(LABEL_WIDTH)} ${GLYPH.running} running  ${GLYPH.waiting} waiting  ${GLYPH.blocking} blocking the loop  ${GLYPH.blocked} blocked`);
  for (const stall of run.stalls) lines.push(`Stall: ${stall.text} (see ACO301)`);
  return lines;
}

function outcomeWord(outcome: RunView['lanes'][number]['outcome'], error: string | undefined): string {
  if (outcome === 'exception') return `raised ${error ?? 'an exception'}`;
  return { result: 'returned', cancelled: 'cancelled', pending: 'not finished', exception: '' }[outcome];
}
