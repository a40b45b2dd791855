import asyncio


async def fetch(n):
    await asyncio.sleep(0)
    return n


async def first():
    return asyncio.run(fetch(1))


async def second():
    return asyncio.run(fetch(2))
