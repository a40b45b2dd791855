import asyncio


async def fetch_user(user_id):
    await asyncio.sleep(1)
    return {"id": user_id}


async def fetch_orders(user_id):
    await asyncio.sleep(1)
    return []


async def page(user_id):
    user = await fetch_user(user_id)
    orders = await fetch_orders(user_id)
    return user, orders


async def prices(ids):
    out = []
    for i in ids:
        out.append(await fetch_orders(i))
    return out


async def users(ids):
    return [await fetch_user(i) for i in ids]


async def background():
    asyncio.create_task(fetch_user(0))


async def nested():
    return asyncio.run(fetch_user(1))
