import type { Rule } from '../rule';
import type { RuleCode } from '../types';
import { awaitInLoop } from './awaitInLoop';
import { blockingCallInAsync } from './blockingCallInAsync';
import { blockingFileIo } from './blockingFileIo';
import { busyWait } from './busyWait';
import { danglingTask } from './danglingTask';
import { nestedAsyncioRun } from './nestedAsyncioRun';
import { semaphorePerCall } from './semaphorePerCall';
import { sequentialAwaits } from './sequentialAwaits';
import { unawaitedCoroutine } from './unawaitedCoroutine';

/** Every rule the analyzer knows, in code order. One file per rule; register it here. */
export const ALL_RULES: readonly Rule[] = [sequentialAwaits, awaitInLoop, unawaitedCoroutine, danglingTask, blockingCallInAsync, nestedAsyncioRun, semaphorePerCall, blockingFileIo, busyWait];

/** True for a code of a rule the analyzer has. */
export function isRuleCode(code: string): code is RuleCode {
  return ALL_RULES.some((r) => r.meta.code === code);
}
