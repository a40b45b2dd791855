"""ACO305 busy-wait: a loop that only sleeps until some state changes.

`wait_polling` wakes up five times a second just to look at `ready`, and sees the change up to
0.2 s late. `wait_with_event` sleeps until the code that makes it ready calls `set()`: one
wake-up, at once. (Snippet: `aio-event`.)
"""
import asyncio
import time


class Download:
    def __init__(self) -> None:
        self.ready = False
        self.done = asyncio.Event()

    async def run(self) -> None:
        await asyncio.sleep(0.25)
        self.ready = True
        self.done.set()

    async def wait_polling(self) -> None:
        while not self.ready:  # flagged: polls in a sleep loop
            await asyncio.sleep(0.2)

    async def wait_with_event(self) -> None:
        # Not flagged: the task sleeps until run() sets the event.
        await self.done.wait()


async def main() -> None:
    for name in ("wait_polling", "wait_with_event"):
        download = Download()
        start = time.perf_counter()
        await asyncio.gather(download.run(), getattr(download, name)())
        print(f"{name}: {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    asyncio.run(main())
