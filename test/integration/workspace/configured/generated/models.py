import asyncio


async def fetch(n):
    await asyncio.sleep(0)
    return n


async def load():
    return asyncio.run(fetch(1))
