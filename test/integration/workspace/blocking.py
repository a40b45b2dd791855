import asyncio
import time

import requests


async def poll(url):
    time.sleep(1)
    return requests.get(url, timeout=5).json()


async def fine(url):
    await asyncio.to_thread(time.sleep, 1)

    def work():
        return requests.get(url)

    return await asyncio.to_thread(work)
