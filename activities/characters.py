"""Phase 2: extract the cast from the story (structured LLM output)."""

from temporalio import activity

from activities.rendering import llm_call
from contracts.activities import CharactersInput, CharactersOutput
from providers.llm import LLMProvider, model_of


class CharacterActivities:
    """Character extraction on the injected LLM provider."""

    def __init__(self, llm: LLMProvider) -> None:
        self.llm = llm

    @activity.defn(name="extract_characters")
    async def extract_characters(self, request: CharactersInput) -> CharactersOutput:
        """The cast as the LLM reads it from the story (profiles; the workflow gives them ids)."""
        async with llm_call():
            result = await self.llm.extract_characters(request.story)
        return CharactersOutput(characters=result.items, usage=result.usage, model=model_of(self.llm))
