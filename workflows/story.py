"""StoryWorkflow: a short-lived child of the ComicWorkflow that hosts one story attempt's token stream.

Tokens travel provider -> `generate_story` activity -> batched Signals into this workflow's Workflow Stream ->
subscribers polling by offset. The long-lived ComicWorkflow only sees the finished story, so its history does not
grow with the story's length.
"""

from datetime import timedelta

from temporalio import workflow
from temporalio.contrib.workflow_streams import WorkflowStream
from temporalio.exceptions import ActivityError, ApplicationError

with workflow.unsafe.imports_passed_through():
    from activities.story import StoryActivities
    from contracts import workflows as names
    from contracts.activities import StoryInput, StoryOutput
    from contracts.workflows import CONTROL_TOPIC, StoryFinished, StoryStreamInput
    from workflows import policies
    from workflows.failures import failure_message

# Subscribers still long-polling when the run closes would fall back to a slow Query replay for the last items;
# holding the run open briefly after the final item lets their pending poll deliver it.
LINGER = timedelta(milliseconds=150)


@workflow.defn(name=names.STORY_WORKFLOW)
class StoryWorkflow:
    """Runs the story activity and publishes `done` or `error` on the control topic."""

    @workflow.init
    def __init__(self, params: StoryStreamInput) -> None:
        self.stream = WorkflowStream()

    @workflow.run
    async def run(self, params: StoryStreamInput) -> StoryOutput:
        """Write the story; the activity streams its text into this workflow."""
        control = self.stream.topic(CONTROL_TOPIC)
        try:
            result = await workflow.execute_activity_method(
                StoryActivities.generate_story,
                StoryInput(project_id=params.project_id, prompt=params.prompt),
                task_queue=params.llm_task_queue,
                start_to_close_timeout=policies.STORY_TIMEOUT,
                heartbeat_timeout=policies.STORY_HEARTBEAT,
                retry_policy=policies.LLM_RETRY,
            )
        except ActivityError as e:
            message = failure_message(e)
            control.publish({"type": "error", "message": message})
            await self._close()
            raise ApplicationError(message, type="StoryFailed", non_retryable=True) from e
        parent = workflow.info().parent
        if parent is not None:  # the parent goes on now; the linger below only serves the stream's readers
            await workflow.get_external_workflow_handle(parent.workflow_id).signal(
                names.STORY_FINISHED, StoryFinished(workflow_id=workflow.info().workflow_id, output=result)
            )
        control.publish(
            {
                "type": "done",
                "length": len(result.text),
                "finish_reason": result.finish_reason,
                "usage": result.usage.model_dump(),
            }
        )
        await self._close()
        return result

    async def _close(self) -> None:
        await workflow.sleep(LINGER)
        self.stream.detach_pollers()
        await workflow.wait_condition(workflow.all_handlers_finished)
