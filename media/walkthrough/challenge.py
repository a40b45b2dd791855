"""Async Coach challenge: build an async pipeline from scratch.

The five steps come from the lesson's challenge, at 08:38 to 09:13 in the course video
"Python Async Await EXPLAINED | Run 1000 Tasks on ONE Thread | asyncio Tutorial | Ep 25":

1. Write `async def fetch_user(user_id)`: await `asyncio.sleep(1)` for the network, return a dict.
2. Fetch 10 users concurrently with `asyncio.gather` and print the total elapsed time.
3. Let only three fetches run at once with one `asyncio.Semaphore(3)`; compare the timing.
4. Write a class `Timer` (async `__aenter__` and `__aexit__`) that prints the elapsed time.
5. Combine everything in one `async def main()` and run it with `asyncio.run(main())`.

Run "Async Coach: Check My Challenge" (Ctrl+Shift+P) whenever you like: it marks the steps
you have finished in the walkthrough and, when every step is there, runs this file and opens
its timeline beside the code.
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
