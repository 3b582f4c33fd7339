"""A trivial activity that proves a worker is polling the task queue."""

from temporalio import activity


@activity.defn(name="ping")
async def ping(message: str) -> str:
    """Echo `message` back with the worker's identity."""
    return f"pong: {message} (from {activity.info().task_queue})"
