"""Phase 1: write the story (streamed by the provider)."""

from temporalio import activity

from activities.contracts import StoryInput, StoryOutput
from activities.errors import provider_errors
from providers.llm import LLMProvider


class StoryActivities:
    """Story generation on the injected LLM provider."""

    def __init__(self, llm: LLMProvider) -> None:
        self.llm = llm

    @activity.defn(name="generate_story")
    async def generate_story(self, request: StoryInput) -> StoryOutput:
        """Write the story; deltas heartbeat so a stalled stream is noticed."""

        async def on_delta(_: str) -> None:
            activity.heartbeat()

        with provider_errors():
            result = await self.llm.write_story(request.prompt, on_delta)
        return StoryOutput(text=result.text, finish_reason=result.finish_reason, usage=result.usage)
