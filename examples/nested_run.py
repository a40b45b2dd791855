"""ACO302 nested-asyncio-run: starting a second event loop from inside a coroutine.

asyncio.run() is the entry point of a program. Inside `async def` an event loop is already
running, so calling asyncio.run() again raises RuntimeError. Await the coroutine instead.
"""
import asyncio


async def fetch_user(user_id: int) -> dict:
    await asyncio.sleep(0.1)
    return {"id": user_id, "name": f"user-{user_id}"}


async def load_profile(user_id: int) -> dict:
    # Bug: this raises "asyncio.run() cannot be called from a running event loop".
    user = asyncio.run(fetch_user(user_id))
    return {"profile": user}


def main() -> None:
    # Fine: a plain function at the top of the program starts the loop once.
    print(asyncio.run(load_profile(1)))


if __name__ == "__main__":
    main()
