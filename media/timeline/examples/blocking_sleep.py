"""A blocking call inside a coroutine: time.sleep freezes every task on the loop.

Two heartbeats should beat together, but `time.sleep(0.5)` holds the only thread: the second
waits for the first (ACO301). Its timeline shows each sleep as a stall with its line, and the
other task blocked meanwhile. With `await asyncio.sleep(0.5)` both would take 0.5 s together.
"""
import asyncio
import time


async def heartbeat(name):
    time.sleep(0.5)  # blocks the event loop: nothing else runs
    print(name, "beat")


async def main():
    started = time.perf_counter()
    await asyncio.gather(heartbeat("a"), heartbeat("b"))
    print(f"two heartbeats took {time.perf_counter() - started:.1f} s")


asyncio.run(main())
