"""ACO303 semaphore-per-call: a Semaphore created inside the very call it should limit.

`asyncio.Semaphore(2)` means "at most two at a time" only for the calls that share it. Created
inside `download`, it is a new semaphore on every call, each with two free slots, so no call ever
waits and all of them run at once. Create it once, where every call can reach it (in `main`, at
module level, or in `__init__`), and pass it in.
"""
import asyncio


async def download(url: str) -> str:
    sem = asyncio.Semaphore(2)  # flagged: every call gets its own, so nothing is limited
    async with sem:
        await asyncio.sleep(0.2)  # stands for the request
        return url


async def download_shared(url: str, sem: asyncio.Semaphore) -> str:
    async with sem:
        await asyncio.sleep(0.2)
        return url


async def main() -> None:
    urls = [f"https://example.com/{i}" for i in range(6)]
    start = asyncio.get_running_loop().time()
    await asyncio.gather(*(download(u) for u in urls))
    print(f"per-call semaphore: {asyncio.get_running_loop().time() - start:.1f} s (all six at once)")

    # Not flagged: one semaphore, created here and shared by the tasks gather starts.
    sem = asyncio.Semaphore(2)
    start = asyncio.get_running_loop().time()
    await asyncio.gather(*(download_shared(u, sem) for u in urls))
    print(f"shared semaphore: {asyncio.get_running_loop().time() - start:.1f} s (two at a time)")


if __name__ == "__main__":
    asyncio.run(main())
