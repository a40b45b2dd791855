import asyncio


async def fetch(i):
    await asyncio.sleep(1)
    return i


async def test_two():
    first = await fetch(1)
    second = await fetch(2)
    assert first < second
    fetch(3)
