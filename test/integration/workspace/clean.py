import asyncio


async def fetch(n):
    await asyncio.sleep(0)
    return n


def main():
    return asyncio.run(fetch(1))
