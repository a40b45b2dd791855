"""ACO102 await-in-loop: a `for` loop that awaits one independent call per item.

Each pass waits for its call before the next one starts, so ten calls of 0.3 s take 3 s. The
calls only depend on the item, so they can all run at once: `asyncio.gather(*(f(x) for x in xs))`
keeps the results in the order of the items and takes about as long as the slowest call.
For thousands of items, cap how many run at once with an `asyncio.Semaphore`.
Loops whose order matters are left alone: a pagination cursor, a `break`, a `sleep` that paces.
"""
import asyncio


async def fetch_price(symbol: str) -> float:
    await asyncio.sleep(0.3)  # stands for a network call
    return float(len(symbol))


async def portfolio(symbols: list[str]) -> list[float]:
    prices = []
    for symbol in symbols:
        prices.append(await fetch_price(symbol))  # flagged: one request at a time
    return prices


async def follow_pages(first_page: str) -> list[str]:
    # Not flagged: each request needs the cursor the previous one returned.
    pages = []
    cursor = first_page
    for _ in range(3):
        cursor = str(await fetch_price(cursor))
        pages.append(cursor)
    return pages


if __name__ == "__main__":
    print(asyncio.run(portfolio(["AAPL", "MSFT", "GOOG"])))
