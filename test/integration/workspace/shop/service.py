from .api import fetch_user
from shop import api


async def handler(user_id):
    fetch_user(user_id)
    api.fetch_orders(user_id)
    return user_id
