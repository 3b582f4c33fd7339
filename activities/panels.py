"""Phase 4: break the story into panels, characters drawn from the cast (structured LLM output)."""

from temporalio import activity

from activities.rendering import llm_call
from contracts.activities import PanelsInput, PanelsOutput
from providers.llm import LLMProvider, model_of


class PanelActivities:
    """Panel generation on the injected LLM provider."""

    def __init__(self, llm: LLMProvider) -> None:
        self.llm = llm

    @activity.defn(name="generate_panels")
    async def generate_panels(self, request: PanelsInput) -> PanelsOutput:
        """The panel breakdown (the workflow still checks every name against the cast)."""
        async with llm_call():
            result = await self.llm.generate_panels(request.story, request.cast)
        return PanelsOutput(panels=result.items, usage=result.usage, model=model_of(self.llm))
