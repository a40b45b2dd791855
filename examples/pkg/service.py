"""ACO201 across files: `fetch_user` is an `async def` in another module.

Async Coach indexes every file of the workspace (or every path given to the CLI), so it knows
that `from .api import fetch_user` and `api.fetch_orders` are coroutine functions, and that
calling them without `await` runs nothing.
"""
from . import api
from .api import fetch_user


async def refresh(user_id: int) -> None:
    fetch_user(user_id)  # flagged: defined with `async def` in pkg/api.py
    api.fetch_orders(user_id)  # flagged too, through the module name


async def load(user_id: int) -> tuple:
    # Fine: both awaited (and ACO101 suggests running them together).
    user = await fetch_user(user_id)
    orders = await api.fetch_orders(user_id)
    return user, orders
