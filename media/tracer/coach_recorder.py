"""Records how the asyncio tasks of a program run: part of Async Coach's "See it run" tracer.

Every event loop created after `Recorder.install()` gets a task factory that wraps each task's
coroutine in a `TracedCoroutine`. The wrapper times every `send`/`throw` the task makes (one
step), notes what the coroutine waits on when it suspends, and how it ends. A step longer than
the stall threshold froze the loop: a watchdog thread samples the line it is blocked on.

Plain Python 3.9-3.14, standard library only. Times are `time.perf_counter()` seconds.
"""

import asyncio
import asyncio.base_events
import collections.abc
import sys
import threading
import time
import weakref

from coach_waits import FrameFilter, describe_wait

_clock = time.perf_counter
_get_ident = threading.get_ident

#: Tasks asyncio.run starts for itself while closing the loop: not the program's, not traced.
_HOUSEKEEPING = {"shutdown_asyncgens", "shutdown_default_executor"}

#: Beyond this many steps in all, steps are counted but no longer stored (the trace says so).
MAX_STEPS = 200_000


class TaskRecord:
    """What is known about one task. Plain attributes: the trace writer reads them as they are."""

    __slots__ = ("id", "parent", "task", "name", "coroutine", "file", "line", "created_file",
                 "created_line", "start", "end", "outcome", "error", "steps", "waits")

    def __init__(self, task_id, parent, coro, created, start):
        self.id = task_id
        self.parent = parent
        self.task = None  # weakref to the asyncio.Task, set once it exists
        self.name = None
        code = getattr(coro, "cr_code", None) or getattr(coro, "gi_code", None)
        self.coroutine = getattr(coro, "__qualname__", None) or type(coro).__qualname__
        self.file = code.co_filename if code else None
        self.line = code.co_firstlineno if code else None
        self.created_file, self.created_line = created
        self.start = start
        self.end = None
        self.outcome = "pending"
        self.error = None
        self.steps = []
        self.waits = []


class TracedCoroutine(collections.abc.Coroutine):
    """A task's coroutine, timed. asyncio drives it through `send`/`throw` like the real one."""

    __slots__ = ("_coro", "_record", "_recorder", "__weakref__")

    def __init__(self, coro, record, recorder):
        self._coro = coro
        self._record = record
        self._recorder = recorder

    def send(self, value):
        recorder = self._recorder
        step, previous, ident = recorder.begin_step(self._record)
        try:
            awaited = self._coro.send(value)
        except BaseException as exc:
            recorder.end_step(step, previous, ident, self._coro, None, exc)
            raise
        recorder.end_step(step, previous, ident, self._coro, awaited, None)
        return awaited

    def throw(self, *args):
        recorder = self._recorder
        step, previous, ident = recorder.begin_step(self._record)
        try:
            awaited = self._coro.throw(*args)
        except BaseException as exc:
            recorder.end_step(step, previous, ident, self._coro, None, exc)
            raise
        recorder.end_step(step, previous, ident, self._coro, awaited, None)
        return awaited

    def close(self):
        return self._coro.close()

    def __await__(self):
        return self._coro.__await__()

    # What asyncio and debuggers read from a coroutine (reprs, stacks, Task.get_stack()).
    @property
    def cr_code(self):
        return getattr(self._coro, "cr_code", None) or getattr(self._coro, "gi_code", None)

    @property
    def cr_frame(self):
        return getattr(self._coro, "cr_frame", None) or getattr(self._coro, "gi_frame", None)

    @property
    def cr_running(self):
        return getattr(self._coro, "cr_running", False)

    @property
    def cr_await(self):
        return getattr(self._coro, "cr_await", None)

    def __getattr__(self, name):
        # `__qualname__`, `__name__` and the rest come from the real coroutine, for reprs and tools.
        return getattr(self._coro, name)

    def __repr__(self):
        return repr(self._coro)


class Recorder:
    """Installs the task factory and holds everything recorded, for `coach_trace.write_trace`."""

    def __init__(self, stall_threshold, frames: FrameFilter):
        self.stall_threshold = stall_threshold
        self.frames = frames
        self.origin = None  # perf_counter() when the first event loop was created
        self.last_activity = None
        self.tasks = []
        self.stalls = []
        self.step_count = 0
        self.truncated = False
        # Thread id -> the step running there: [start, record, samples]. The watchdog reads it.
        self.running = {}
        self._next_id = 1
        self._ids = threading.Lock()
        self._user_factories = weakref.WeakKeyDictionary()

    # ---- installation -------------------------------------------------------------------
    def install(self):
        """Every BaseEventLoop created from now on records its tasks (asyncio.run's too)."""
        recorder = self
        base = asyncio.base_events.BaseEventLoop
        original_init = base.__init__
        original_set = base.set_task_factory
        original_get = base.get_task_factory

        def __init__(loop, *args, **kwargs):
            original_init(loop, *args, **kwargs)
            if recorder.origin is None:
                recorder.origin = _clock()
            original_set(loop, recorder.task_factory)

        def set_task_factory(loop, factory):
            # The program's own factory (eager_task_factory, a custom Task) still builds the task.
            if factory is None:
                recorder._user_factories.pop(loop, None)
            else:
                recorder._user_factories[loop] = factory
            original_set(loop, recorder.task_factory)

        def get_task_factory(loop):
            return recorder._user_factories.get(loop) if original_get(loop) == recorder.task_factory else original_get(loop)

        base.__init__ = __init__
        base.set_task_factory = set_task_factory
        base.get_task_factory = get_task_factory

    def task_factory(self, loop, coro, **kwargs):
        code = getattr(coro, "cr_code", None)
        if code is not None and code.co_name in _HOUSEKEEPING and code.co_filename.startswith(self.frames.asyncio_dir):
            return self._build(loop, coro, kwargs)
        parent_task = asyncio.current_task(loop) if loop.is_running() else None
        parent_coro = parent_task.get_coro() if parent_task is not None else None
        parent = parent_coro._record.id if isinstance(parent_coro, TracedCoroutine) else None
        with self._ids:
            task_id = self._next_id
            self._next_id += 1
        record = TaskRecord(task_id, parent, coro, self.frames.caller(sys._getframe(1)), _clock())
        self.tasks.append(record)
        task = self._build(loop, TracedCoroutine(coro, record, self), kwargs)
        record.task = weakref.ref(task)
        return task

    def _build(self, loop, coro, kwargs):
        user_factory = self._user_factories.get(loop)
        if user_factory is not None:
            return user_factory(loop, coro, **kwargs)
        return asyncio.Task(coro, loop=loop, **kwargs)

    # ---- steps --------------------------------------------------------------------------
    def begin_step(self, record):
        ident = _get_ident()
        step = [_clock(), record, None]
        previous = self.running.get(ident)  # an eager task's first step runs inside its parent's
        self.running[ident] = step
        return step, previous, ident

    def end_step(self, step, previous, ident, coro, awaited, exc):
        end = _clock()
        if previous is None:
            self.running.pop(ident, None)
        else:
            self.running[ident] = previous
        start, record, samples = step
        self.last_activity = end
        self.step_count += 1
        if self.step_count <= MAX_STEPS:
            record.steps.append((start, end))
            record.waits.append(describe_wait(coro, awaited, self.frames, end) if exc is None else None)
        else:
            self.truncated = True
        if end - start >= self.stall_threshold:
            self._add_stall(record, start, end, samples, coro)
        if exc is not None:
            self._finish(record, end, exc)

    def _finish(self, record, end, exc):
        record.end = end
        task = record.task() if record.task is not None else None
        if task is not None:
            record.name = task.get_name()  # final now: create_task names the task after the factory
        if isinstance(exc, StopIteration):
            record.outcome = "result"
        elif isinstance(exc, asyncio.CancelledError):
            record.outcome = "cancelled"
        else:
            record.outcome = "exception"
            record.error = _describe_error(exc)

    def _add_stall(self, record, start, end, samples, coro):
        where = _most_common(samples) if samples else self.frames.suspended_at(coro)
        self.stalls.append({"start": start, "end": end, "task": record.id, "where": where})

    # ---- the watchdog's side ------------------------------------------------------------
    def sample_blocked_steps(self, now):
        """Notes the line each long-running step is on (called from the watchdog thread)."""
        half = self.stall_threshold / 2
        frames = None
        for ident, step in list(self.running.items()):
            if now - step[0] < half:
                continue
            if frames is None:
                frames = sys._current_frames()
            frame = frames.get(ident)
            where = self.frames.innermost_user(frame) if frame is not None else None
            if where is not None:
                if step[2] is None:
                    step[2] = []
                step[2].append(where)


def _most_common(samples):
    counts = {}
    for where in samples:
        counts[where] = counts.get(where, 0) + 1
    return max(counts, key=lambda w: counts[w])


def _describe_error(exc):
    text = str(exc)
    name = type(exc).__name__
    return f"{name}: {text}" if text else name
