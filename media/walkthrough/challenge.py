"""Async Coach challenge: build an async pipeline from scratch.

The five steps from the lesson (video 08:38 to 09:13):

1. Write `async def fetch_user(user_id)` that awaits `asyncio.sleep(1)` to stand in
   for network delay, and returns a fake user dict.
2. Use `asyncio.gather` to fetch 10 users concurrently and print the total elapsed time.
3. Limit the fetches with an `asyncio.Semaphore(3)` so only three run at once.
   Compare the timing with step 2.
4. Write an async context manager class `Timer` (`__aenter__` and `__aexit__`) that
   prints the elapsed time when its block ends.
5. Combine everything in one `async def main()` and run it with `asyncio.run(main())`.

Run "Async Coach: Check My Challenge" (Ctrl+Shift+P) whenever you like: it marks the
steps you have finished in the walkthrough and, when every step is there, runs this file
and shows how long it took.
"""

import asyncio
import time


async def fetch_user(user_id):
    # Step 1: await asyncio.sleep(...), then return a dict such as {"id": user_id, ...}
    ...


async def main():
    # Steps 2, 3 and 5: gather ten fetch_user calls, limit them with a Semaphore(3),
    # and time the whole thing (with your Timer from step 4).
    ...


# Step 5: start main() with asyncio.run at the very bottom of the file.
