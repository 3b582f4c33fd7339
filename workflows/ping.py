"""A trivial workflow: checks end to end that a worker executes workflows and activities."""

from datetime import timedelta

from temporalio import workflow

with workflow.unsafe.imports_passed_through():
    from activities.ping import ping
    from contracts import workflows as names


@workflow.defn(name=names.PING_WORKFLOW)
class PingWorkflow:
    """Calls the `ping` activity once and returns its answer."""

    @workflow.run
    async def run(self, message: str) -> str:
        """Ping through one activity."""
        return await workflow.execute_activity(ping, message, start_to_close_timeout=timedelta(seconds=10))
