"""ACO202 dangling-task: a task nobody keeps a reference to.

`asyncio.create_task()` schedules a coroutine and returns the task. The event loop keeps only a
weak reference to it, so if the program drops the task, it can be garbage-collected before it
finishes, and an exception it raises is never reported. Keep the task until it is done: in a set
(discarded by a done-callback), in an attribute, by awaiting it, or in an `asyncio.TaskGroup`.
"""
import asyncio

background_tasks = set()


async def send_email(address: str) -> None:
    await asyncio.sleep(0.1)
    print("sent to", address)


async def sign_up(address: str) -> None:
    asyncio.create_task(send_email(address))  # flagged: the only reference is dropped


async def sign_up_kept(address: str) -> None:
    # Not flagged: the set holds the task until it finishes.
    task = asyncio.create_task(send_email(address))
    background_tasks.add(task)
    task.add_done_callback(background_tasks.discard)


async def sign_up_many(addresses: list[str]) -> None:
    # Not flagged: the TaskGroup owns its tasks and waits for them at the end of the block.
    async with asyncio.TaskGroup() as tg:
        for address in addresses:
            tg.create_task(send_email(address))


if __name__ == "__main__":
    asyncio.run(sign_up_many(["a@example.com", "b@example.com"]))
