"""ACO301 blocking-call-in-async: a call that blocks the thread, made inside a coroutine.

asyncio runs every task on one thread. `time.sleep(0.5)` or `subprocess.run(...)` inside
`async def` holds that thread, so every other task stops until it returns: two heartbeats that
should overlap take twice as long, and a server would stop answering everyone. Use the async
version (`await asyncio.sleep`), or send the blocking call to a worker thread with
`await asyncio.to_thread(fn, *args)` so the loop keeps running.
"""
import asyncio
import subprocess
import sys
import time


async def heartbeat(name: str) -> None:
    time.sleep(0.5)  # flagged: freezes the loop; the other heartbeat waits too
    print(name, "beat")


async def python_version() -> str:
    done = subprocess.run([sys.executable, "--version"], capture_output=True, text=True)  # flagged
    return done.stdout.strip()


async def heartbeat_fixed(name: str) -> None:
    # Not flagged: only this task pauses; the loop runs the others meanwhile.
    await asyncio.sleep(0.5)
    print(name, "beat")


async def python_version_fixed() -> str:
    # Not flagged: the function is handed to a worker thread, not called on the loop.
    done = await asyncio.to_thread(subprocess.run, [sys.executable, "--version"], capture_output=True, text=True)
    return done.stdout.strip()


async def main() -> None:
    for beats in ((heartbeat("a"), heartbeat("b")), (heartbeat_fixed("a"), heartbeat_fixed("b"))):
        start = time.perf_counter()
        await asyncio.gather(*beats)
        print(f"two heartbeats took {time.perf_counter() - start:.1f} s")
    print(await python_version_fixed())


if __name__ == "__main__":
    asyncio.run(main())
