/** Every command id the extension registers, in one place (the manifest test checks they match). */
export const COMMANDS = {
  analyzeFile: 'asyncCoach.analyzeFile',
  showLog: 'asyncCoach.showLog',
} as const;

export type CommandId = (typeof COMMANDS)[keyof typeof COMMANDS];
