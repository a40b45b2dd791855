import type { Finding } from '../analysis/types';
import type { Flashcard } from '../flashcards/deck';

/** Longest card question shown whole in the quick-fix menu. */
const MAX_STUDY_QUESTION = 70;

/**
 * The title of the "Study this" quick fix: "Study this: <the card's question>" when the question
 * stands on its own and fits the menu. A question about the card's own code ("These two awaits...")
 * would misdescribe a finding with three awaits, and a question cut short reads as a bug: those
 * cards get a title naming the rule instead. Without a card, the action opens the rule's docs.
 */
export function studyTitle(finding: Pick<Finding, 'code' | 'name'>, card: Pick<Flashcard, 'front' | 'frontCode'> | undefined): string {
  if (!card) return `Study this: the ${finding.code} ${finding.name} docs`;
  if (card.frontCode === undefined && card.front.length <= MAX_STUDY_QUESTION) return `Study this: ${card.front}`;
  return `Study this: the ${finding.code} ${finding.name} flashcard`;
}
