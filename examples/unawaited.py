"""ACO201 unawaited-coroutine: calling an `async def` without `await`.

Calling an `async def` function does not run it: it only creates a coroutine object. Without
`await` (or handing it to `asyncio.run`, `gather` or `create_task`) its body never runs, and
Python only complains later with "RuntimeWarning: coroutine ... was never awaited".
Quick fix: insert `await`. At the top of a program, start the loop with `asyncio.run(main())`.
"""
import asyncio


async def save(record: dict) -> None:
    await asyncio.sleep(0.1)  # stands for a database write
    print("saved", record)


async def handle(record: dict) -> None:
    save(record)  # flagged: the record is never saved
    await asyncio.sleep(0.1)


async def pause() -> None:
    asyncio.sleep(1)  # flagged: no pause happens


def on_message(queue: asyncio.Queue, message: str) -> None:
    # flagged: Queue.put is a coroutine method; from sync code use queue.put_nowait(message)
    queue.put(message)


async def main() -> None:
    await handle({"id": 1})


main()  # flagged: this only creates a coroutine; asyncio.run(main()) runs it
