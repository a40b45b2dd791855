"""ACO304 blocking-file-io: file I/O made directly inside a coroutine (off by default).

Reading a small local file takes microseconds, so the rule is off unless you turn it on
(`"asyncCoach.severity": { "ACO304": "hint" }` in settings, or `extend-select = ["ACO304"]` in
pyproject.toml). It matters for large files, network file systems and busy servers: there the
read holds the event loop and every other task waits.
"""
import asyncio
import tempfile
from pathlib import Path


async def size_on_the_loop(path: Path) -> int:
    return len(path.read_bytes())  # flagged when ACO304 is on: the whole read runs on the loop


async def size_in_a_thread(path: Path) -> int:
    # Not flagged: the read runs in a worker thread while other tasks go on.
    return len(await asyncio.to_thread(path.read_bytes))


async def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "data.bin"
        await asyncio.to_thread(path.write_bytes, b"x" * 1_000_000)
        print(await size_on_the_loop(path), await size_in_a_thread(path))


if __name__ == "__main__":
    asyncio.run(main())
