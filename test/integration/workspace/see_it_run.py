"""Two independent awaits one after another (ACO101): the timeline shows them in a row."""
import asyncio


async def fetch(name):
    await asyncio.sleep(0.2)
    return name


async def main():
    first = await fetch("first")
    second = await fetch("second")
    print("SEEN", first, second)


if __name__ == "__main__":
    asyncio.run(main())
