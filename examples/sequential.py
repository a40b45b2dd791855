"""ACO101 sequential-awaits: independent calls awaited one after another.

Each `await` waits for its call to finish before the next line starts. When the calls do not
use each other's results, that wait is wasted: three calls of 0.5 s take 1.5 s in a row, but
about 0.5 s (the slowest, not the sum) when started together with `asyncio.gather`.
Quick fix: rewrite the run as one gather (names and order kept), or, on Python 3.11+, as tasks
of an `asyncio.TaskGroup`, which also cancels the others when one fails.
"""
import asyncio
import time


async def fetch_user(user_id: int) -> dict:
    await asyncio.sleep(0.5)  # stands for a network call
    return {"id": user_id, "name": f"user-{user_id}"}


async def fetch_orders(user_id: int) -> list:
    await asyncio.sleep(0.5)
    return [{"order": 1, "user": user_id}]


async def fetch_recommendations(user_id: int) -> list:
    await asyncio.sleep(0.5)
    return ["book", "lamp"]


async def dashboard(user_id: int) -> dict:
    # Flagged: none of these calls needs another's result, yet they run one at a time (~1.5 s).
    user = await fetch_user(user_id)
    orders = await fetch_orders(user_id)
    picks = await fetch_recommendations(user_id)
    return {"user": user, "orders": orders, "picks": picks}


async def dashboard_after_login(token: str) -> dict:
    # Not flagged as one run: the second call needs the first one's result.
    user = await fetch_user(len(token))
    orders = await fetch_orders(user["id"])
    return {"user": user, "orders": orders}


async def main() -> None:
    started = time.perf_counter()
    await dashboard(1)
    print(f"dashboard took {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    asyncio.run(main())
