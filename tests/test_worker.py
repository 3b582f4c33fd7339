"""The real worker executes workflows and activities on the real Temporal dev server."""

import uuid

from temporalio.client import Client

from core.config import Settings
from workflows.ping import PingWorkflow


async def test_ping_workflow_runs_on_the_worker(
    temporal_client: Client, settings: Settings, running_worker: None
) -> None:
    result = await temporal_client.execute_workflow(
        PingWorkflow.run, "hello", id=f"ping-{uuid.uuid4()}", task_queue=settings.temporal_task_queue
    )
    assert result == f"pong: hello (from {settings.temporal_task_queue})"
