"""Phase 1: write the story, streaming its text into the hosting StoryWorkflow's Workflow Stream."""

from datetime import timedelta

from temporalio import activity
from temporalio.contrib.workflow_streams import WorkflowStreamClient

from activities.rendering import llm_call
from contracts.activities import StoryInput, StoryOutput
from contracts.workflows import CONTROL_TOPIC, DELTA_TOPIC
from providers.llm import LLMProvider, model_of


class StoryActivities:
    """Story generation on the injected LLM provider."""

    def __init__(self, llm: LLMProvider, batch_interval: timedelta = timedelta(milliseconds=100)) -> None:
        self.llm = llm
        self.batch_interval = batch_interval

    @activity.defn(name="generate_story")
    async def generate_story(self, request: StoryInput) -> StoryOutput:
        """Write the story, publishing deltas as they arrive; each attempt starts with a marker on the control topic.

        The marker lands between a failed attempt's text and the next attempt's, so followers can reset.
        """
        async with WorkflowStreamClient.from_within_activity(batch_interval=self.batch_interval) as stream:
            deltas = stream.topic(DELTA_TOPIC, type=str)
            stream.topic(CONTROL_TOPIC).publish(
                {"type": "attempt", "attempt": activity.info().attempt}, force_flush=True
            )

            async def on_delta(text: str) -> None:
                deltas.publish(text)
                activity.heartbeat()

            # Deltas heartbeat too; llm_call covers the wait for the first one.
            async with llm_call():
                result = await self.llm.write_story(request.prompt, on_delta)
        return StoryOutput(
            text=result.text, finish_reason=result.finish_reason, usage=result.usage, model=model_of(self.llm)
        )
