/** Every command id the extension registers, in one place (a test checks them against the manifest). */
export const COMMANDS = {
  analyzeFile: 'asyncCoach.analyzeFile',
  showLog: 'asyncCoach.showLog',
  showRuleDocs: 'asyncCoach.showRuleDocs',
  studyRule: 'asyncCoach.studyRule',
  fixAllInFile: 'asyncCoach.fixAllInFile',
  restartServer: 'asyncCoach.restartServer',
  // Flashcards and the challenge walkthrough (src/vscode/flashcards).
  studyFlashcards: 'asyncCoach.studyFlashcards',
  studyCard: 'asyncCoach.studyCard',
  importAnkiDeck: 'asyncCoach.importAnkiDeck',
  exportAnkiDeck: 'asyncCoach.exportAnkiDeck',
  openDecksFolder: 'asyncCoach.openDecksFolder',
  createChallenge: 'asyncCoach.challenge.create',
  checkChallenge: 'asyncCoach.challenge.check',
  compareChallenge: 'asyncCoach.challenge.compare',
  // See it run: the timeline (src/vscode/timeline).
  runTimeline: 'asyncCoach.timeline.run',
  compareWithFix: 'asyncCoach.timeline.compareWithFix',
  showTimelineExample: 'asyncCoach.timeline.showExample',
} as const;
