"""The lesson's example: three one-second calls awaited one after another.

None of them needs another's result, so Async Coach flags the run (ACO101). "Compare with the
fix" runs this file as it is (about 3 s), then a copy with the three awaits gathered (about 1 s).
"""
import asyncio
import time


async def fetch_user(user_id):
    await asyncio.sleep(1)  # stands in for the network
    return {"id": user_id, "name": f"user{user_id}"}


async def main():
    started = time.perf_counter()
    first = await fetch_user(1)
    second = await fetch_user(2)
    third = await fetch_user(3)
    print([first["name"], second["name"], third["name"]])
    print(f"elapsed: {time.perf_counter() - started:.2f}s")


asyncio.run(main())
