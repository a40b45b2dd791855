"""The API client of the `pkg` example: its functions are coroutines (`async def`)."""
import asyncio


async def fetch_user(user_id: int) -> dict:
    await asyncio.sleep(0.1)
    return {"id": user_id}


async def fetch_orders(user_id: int) -> list:
    await asyncio.sleep(0.1)
    return []
