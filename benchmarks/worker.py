"""A worker process for a benchmark stack: `python -m cli worker`, with the benchmark's providers.

The settings come from the environment (`BenchStack.env()`), the providers' shape from `BENCH_*` variables
(`ProviderSpec.env()`). Prints `ready` once its workers poll; SIGTERM stops it gracefully.
"""

import asyncio
import gc
import os
import signal

import worker as worker_module
from benchmarks.providers import ProviderSpec
from core.config import Settings
from core.temporal import connect_temporal
from db.engine import make_engine, make_sessionmaker


async def main() -> None:
    settings = Settings()
    spec = ProviderSpec.from_env(dict(os.environ))
    client = await connect_temporal(settings)
    engine = make_engine(settings.database_url or "")
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    workers = worker_module.build_workers(
        client, settings, make_sessionmaker(engine), llm=spec.llm(settings), images=spec.images(settings)
    )
    task = asyncio.create_task(worker_module.run_workers(workers, stop))
    await asyncio.sleep(0.2)
    gc.collect()  # as `comic worker` does (cli.py): startup's objects out of the full collections
    gc.freeze()
    print("ready", flush=True)
    try:
        await task
    finally:
        await engine.dispose()


if __name__ == "__main__":
    asyncio.run(main())
