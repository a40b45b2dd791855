import asyncio


async def fetch(session, url):
    sem = asyncio.Semaphore(3)
    async with sem:
        return await session.get(url)


async def main(session, urls):
    shared = asyncio.Semaphore(3)

    async def one(url):
        async with shared:
            return await session.get(url)

    return await asyncio.gather(*(one(u) for u in urls))
