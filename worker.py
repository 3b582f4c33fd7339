"""The Temporal worker process: registers workflows and activities on their task queues."""

import asyncio
import logging
import signal
from datetime import timedelta

from temporalio.client import Client
from temporalio.worker import Worker

from activities.ping import ping
from core.config import Settings, get_settings
from core.temporal import connect_temporal
from workflows.ping import PingWorkflow

log = logging.getLogger("comic.worker")

# In-flight activities get this long to finish on shutdown instead of being cancelled (and retried elsewhere).
GRACEFUL_SHUTDOWN = timedelta(seconds=20)


def build_workers(client: Client, settings: Settings) -> list[Worker]:
    """The workers of one worker process: workflows and bookkeeping on the main queue."""
    return [
        Worker(
            client,
            task_queue=settings.temporal_task_queue,
            workflows=[PingWorkflow],
            activities=[ping],
            graceful_shutdown_timeout=GRACEFUL_SHUTDOWN,
        ),
    ]


async def run_workers(workers: list[Worker], stop: asyncio.Event) -> None:
    """Run `workers` until `stop` is set, then shut them down gracefully."""
    tasks = [asyncio.create_task(w.run()) for w in workers]
    stopper = asyncio.create_task(stop.wait())
    done, _ = await asyncio.wait([*tasks, stopper], return_when=asyncio.FIRST_COMPLETED)
    await asyncio.gather(*(w.shutdown() for w in workers), return_exceptions=True)
    stopper.cancel()
    for task in tasks:
        if task in done and task.exception() is not None:
            raise task.exception()  # type: ignore[misc]
    await asyncio.gather(*tasks, return_exceptions=True)


async def main(settings: Settings | None = None) -> None:
    """Connect, run the workers, stop cleanly on SIGINT/SIGTERM."""
    settings = settings or get_settings()
    client = await connect_temporal(settings)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    workers = build_workers(client, settings)
    log.info("worker polling %s", ", ".join(w.task_queue for w in workers))
    await run_workers(workers, stop)
    log.info("worker stopped")


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    asyncio.run(main())
