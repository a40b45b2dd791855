import type { TraceTask, Wait } from './trace';

/** A number as a program would have written it: 0.5, 1, 0.25. */
function plainNumber(n: number): string {
  return String(Math.round(n * 1000) / 1000);
}

/** A task as the learner knows it: its coroutine, and its name when the program chose one. */
export function taskTitle(task: Pick<TraceTask, 'coroutine' | 'name'>): string {
  return isDefaultName(task.name) ? task.coroutine : `${task.coroutine} ("${task.name}")`;
}

/** asyncio names unnamed tasks `Task-N`; those names say nothing. */
export function isDefaultName(name: string): boolean {
  return /^Task-\d+$/.test(name);
}

/**
 * What a task waited on, in words: `asyncio.sleep(0.5)`, `the task fetch_user`, `asyncio.gather
 * of 3 tasks`, `Semaphore.acquire()`. `since` is when the wait began (a sleep's delay is its due
 * time minus that).
 */
export function describeWait(wait: Wait, since: number, tasks: ReadonlyMap<number, TraceTask>): string {
  switch (wait.kind) {
    case 'sleep':
      return `asyncio.sleep(${plainNumber(Math.max(0, (wait.due ?? since) - since))})`;
    case 'task': {
      const task = wait.task === undefined ? undefined : tasks.get(wait.task);
      return task ? `the task ${taskTitle(task)}` : 'another task';
    }
    case 'gather': {
      const n = wait.tasks?.length ?? 0;
      return `asyncio.gather of ${n} task${n === 1 ? '' : 's'}`;
    }
    case 'lock':
    case 'queue':
      return wait.what ? `${wait.what}()` : wait.kind === 'lock' ? 'a lock' : 'a queue';
    case 'io':
      return wait.what ? `I/O (${wait.what})` : 'I/O';
    case 'thread':
      return wait.what ? `a thread (${wait.what})` : 'a thread';
    case 'children':
      return 'the tasks of its TaskGroup';
    case 'yield':
      return 'its next turn (a bare yield, such as asyncio.sleep(0))';
    case 'future':
      return wait.what ? `a future (in ${wait.what})` : 'a future';
  }
}

/** How a task ended, for the end of its last step and for the lane's heading. */
export function describeOutcome(task: Pick<TraceTask, 'outcome' | 'error'>): string {
  switch (task.outcome) {
    case 'result':
      return 'returned';
    case 'exception':
      return `raised ${task.error ?? 'an exception'}`;
    case 'cancelled':
      return 'was cancelled';
    case 'pending':
      return 'had not finished';
  }
}

/** `line 12` or `line 12 of api.py` when the line is in another file than the one that ran. */
export function lineRef(file: string | null | undefined, line: number | null | undefined, mainFile: string): string {
  if (!line) return '';
  if (!file || file === mainFile) return `line ${line}`;
  return `line ${line} of ${file.split(/[\\/]/).pop() ?? file}`;
}
