import type { Rating } from '../shared/protocol';

export type KeyAction = { kind: 'reveal' } | { kind: 'rate'; rating: Rating } | { kind: 'undo' };

export interface KeyContext {
  hasCard: boolean;
  revealed: boolean;
  canUndo: boolean;
}

/**
 * Anki's keys: Space or Enter shows the answer, then means Good; 1-4 answer Again..Easy once the
 * answer shows; U undoes. Returns undefined for keys the player leaves alone.
 */
export function keyAction(key: string, ctx: KeyContext): KeyAction | undefined {
  if (key === 'u' || key === 'U') return ctx.canUndo ? { kind: 'undo' } : undefined;
  if (!ctx.hasCard) return undefined;
  if (key === ' ' || key === 'Enter') return ctx.revealed ? { kind: 'rate', rating: 3 } : { kind: 'reveal' };
  if (ctx.revealed && (key === '1' || key === '2' || key === '3' || key === '4')) return { kind: 'rate', rating: Number(key) as Rating };
  return undefined;
}
