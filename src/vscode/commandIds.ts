/** Every command id the extension registers, in one place (a test checks them against the manifest). */
export const COMMANDS = {
  analyzeFile: 'asyncCoach.analyzeFile',
  showLog: 'asyncCoach.showLog',
  showRuleDocs: 'asyncCoach.showRuleDocs',
  studyRule: 'asyncCoach.studyRule',
  fixAllInFile: 'asyncCoach.fixAllInFile',
} as const;

export type CommandId = (typeof COMMANDS)[keyof typeof COMMANDS];
