"""The OpenAI storyteller: GPT-4o, or any OpenAI-compatible server, through the official async client and instructor.

The story is one streamed chat completion. Characters and panels are structured output through instructor in TOOLS
mode (a forced function call whose parameters are the response model's JSON schema; the mode OpenAI-compatible
servers support most widely): Pydantic validates the arguments and instructor re-asks with the validation error a
bounded number of times. The client itself never retries (`max_retries=0`): Temporal owns retries, so an activity
attempt is one HTTP call per (re-)ask and the two never multiply.

Failures become `ProviderError`: 408/409/429/5xx, timeouts and connection errors are retryable (honouring
`Retry-After`); bad requests, auth, exhausted quota, content-policy refusals and output that stays invalid after the
re-asks are final, carrying the provider's own message.
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Annotated, Any, TypeVar

import httpx2
import instructor
import openai
from instructor.core.exceptions import IncompleteOutputException, InstructorRetryException, ResponseParsingError
from instructor.core.hooks import Hooks
from openai.types.chat import ChatCompletionMessageParam
from pydantic import AfterValidator, BaseModel, Field, ValidationError, WithJsonSchema, create_model
from tenacity import AsyncRetrying, retry_if_exception, stop_after_attempt

from domain.cast import NameIndex
from domain.drafts import CharacterProfile, PanelDraft, TokenUsage
from providers.errors import ProviderError, describe, retry_after
from providers.llm import Extraction, OnDelta, StoryResult
from providers.prompts import CHARACTERS_SYSTEM_PROMPT, PANELS_SYSTEM_PROMPT, STORY_SYSTEM_PROMPT

DEFAULT_MODEL = "gpt-4o"
# Statuses worth another attempt later (OpenAI's own client retries exactly these).
_RETRYABLE_STATUSES = frozenset({408, 409, 429})
# What instructor re-asks on (anything else, such as an HTTP error, ends its loop at once).
_PARSE_ERRORS = (ValidationError, json.JSONDecodeError, ResponseParsingError)
_REFUSAL_PREFIX = "Unable to generate a response due to "

M = TypeVar("M", bound=BaseModel)


class StoryCast(BaseModel):
    """Every named character of the story, protagonist first."""

    characters: list[CharacterProfile] = Field(min_length=1)


class PanelBreakdown(BaseModel):
    """The story as comic panels, in story order."""

    panels: list[PanelDraft] = Field(min_length=1)


@lru_cache(maxsize=256)  # one class per cast: building a model is costly and instructor caches schemas per class
def panel_breakdown_model(cast: tuple[str, ...]) -> type[PanelBreakdown]:
    """A PanelBreakdown whose panel `characters` must be names from `cast`.

    The JSON schema lists the names as an enum (guiding the model) and a validator enforces it (the model may still
    stray outside a non-strict schema): a stray name fails validation with a message naming the cast, which
    instructor sends back in its re-ask. Names the workflow's Cast would resolve (another case or punctuation, or a
    first or last name only one member has) are accepted in the cast's spelling rather than costing a re-ask.
    """
    index = NameIndex((name, name) for name in cast)
    allowed = ", ".join(cast) if cast else "(the cast is empty: leave characters empty)"

    def in_cast(name: str) -> str:
        found = index.find(name)
        if found is None:
            raise ValueError(f"{name!r} is not in the cast; use only these names, spelled exactly: {allowed}")
        return found

    item_schema: dict[str, Any] = {"type": "string", "enum": list(cast)} if cast else {"type": "string"}
    cast_name = Annotated[str, AfterValidator(in_cast), WithJsonSchema(item_schema)]
    panel = create_model(
        "Panel",
        __base__=PanelDraft,
        __doc__=PanelDraft.__doc__,
        characters=(list[cast_name], Field(default_factory=list, description="Names from the cast list only")),
    )
    return create_model(
        "PanelBreakdown",
        __base__=PanelBreakdown,
        __doc__=PanelBreakdown.__doc__,
        panels=(list[panel], Field(min_length=1)),
    )


class OpenAIStoryteller:
    """Stories, casts and panel breakdowns from an OpenAI chat model."""

    def __init__(
        self,
        api_key: str,
        *,
        base_url: str | None = None,
        model: str = DEFAULT_MODEL,
        max_reasks: int = 2,
        timeout: float = 120.0,
    ) -> None:
        if max_reasks < 0:
            raise ValueError("max_reasks must not be negative")
        self.model = model
        self.max_reasks = max_reasks
        self.name = f"openai:{model}"
        # max_retries=0: a retry inside an activity attempt would hide from Temporal and multiply with its retries.
        self.client = openai.AsyncOpenAI(api_key=api_key, base_url=base_url, max_retries=0, timeout=timeout)
        self._instructor = instructor.from_openai(self.client, mode=instructor.Mode.TOOLS)

    async def aclose(self) -> None:
        """Close the HTTP connections."""
        await self.client.close()

    async def write_story(self, prompt: str, on_delta: OnDelta) -> StoryResult:
        """Stream the story, awaiting `on_delta` with each content delta as it arrives."""
        if not prompt.strip():
            raise ProviderError("prompt is empty", retryable=False)
        messages: list[ChatCompletionMessageParam] = [
            {"role": "system", "content": STORY_SYSTEM_PROMPT},
            {"role": "user", "content": prompt.strip()},
        ]
        pieces: list[str] = []
        finish_reason: str | None = None
        usage = TokenUsage()
        try:
            stream = await self.client.chat.completions.create(
                model=self.model, messages=messages, stream=True, stream_options={"include_usage": True}
            )
            async with stream:
                async for chunk in stream:
                    if chunk.usage is not None:  # the last chunk, with no choices
                        usage = _token_usage(chunk.usage)
                    for choice in chunk.choices:
                        if choice.delta.content:
                            pieces.append(choice.delta.content)
                            await on_delta(choice.delta.content)
                        if choice.finish_reason is not None:
                            finish_reason = choice.finish_reason
        except openai.APIError as e:
            raise _api_error(e) from e
        except httpx2.TransportError as e:  # the connection broke mid-stream (the SDK only wraps errors before it)
            raise ProviderError(f"OpenAI stream broke off: {e}", retryable=True) from e
        if finish_reason == "content_filter":
            raise ProviderError(
                "OpenAI's content filter stopped the story (finish_reason=content_filter); change the prompt",
                retryable=False,
            )
        if finish_reason is None:
            raise ProviderError("OpenAI stream ended before the story finished", retryable=True)
        text = "".join(pieces)
        if not text.strip():
            raise ProviderError(f"OpenAI returned an empty story (finish_reason={finish_reason})", retryable=True)
        return StoryResult(text=text, finish_reason=finish_reason, usage=usage)

    async def extract_characters(self, story: str) -> Extraction[CharacterProfile]:
        """The cast of `story`, as structured output."""
        if not story.strip():
            raise ProviderError("story is empty", retryable=False)
        result, usage = await self._structured(StoryCast, CHARACTERS_SYSTEM_PROMPT, story)
        return Extraction(items=list(result.characters), usage=usage)

    async def generate_panels(self, story: str, cast: list[str]) -> Extraction[PanelDraft]:
        """The panel breakdown of `story`, each panel's characters constrained to `cast`."""
        if not story.strip():
            raise ProviderError("story is empty", retryable=False)
        names = tuple(dict.fromkeys(cast))
        system = PANELS_SYSTEM_PROMPT.format(cast=", ".join(names))
        result, usage = await self._structured(panel_breakdown_model(names), system, story)
        # Plain PanelDrafts, not the per-cast subclass, leave the activity.
        return Extraction(items=[PanelDraft(**panel.model_dump()) for panel in result.panels], usage=usage)

    async def _structured(self, response_model: type[M], system: str, story: str) -> tuple[M, TokenUsage]:
        """One instructor call: validated output and the tokens of every attempt, or a classified ProviderError."""
        # A content-filtered answer is final: note it as it arrives so instructor does not re-ask.
        filtered: list[bool] = []
        hooks = Hooks()
        hooks.on("completion:response", lambda response: filtered.append(_finish_reason(response) == "content_filter"))
        reasks = AsyncRetrying(
            stop=stop_after_attempt(self.max_reasks + 1),
            retry=retry_if_exception(lambda e: isinstance(e, _PARSE_ERRORS) and not any(filtered)),
            reraise=True,
        )
        messages: list[ChatCompletionMessageParam] = [
            {"role": "system", "content": system},
            {"role": "user", "content": story},
        ]
        try:
            result, completion = await self._instructor.create_with_completion(
                model=self.model, messages=messages, response_model=response_model, max_retries=reasks, hooks=hooks
            )
        except IncompleteOutputException as e:
            raise ProviderError(
                "OpenAI's answer hit the output token limit before the structured output was complete",
                retryable=False,
            ) from e
        except InstructorRetryException as e:
            raise _structured_failure(e, any(filtered)) from e
        # instructor adds every attempt's usage into the returned completion's, so re-asks are counted too.
        usage = _token_usage(completion.usage) if getattr(completion, "usage", None) is not None else TokenUsage()
        return result, usage


def _structured_failure(error: InstructorRetryException, filtered: bool) -> ProviderError:
    """Why an instructor call gave up, classified."""
    cause = error.__cause__
    if isinstance(cause, openai.APIError):
        return _api_error(cause)
    if isinstance(cause, httpx2.TransportError):
        return ProviderError(f"OpenAI connection failed: {cause}", retryable=True)
    if filtered:
        return ProviderError(
            "OpenAI's content filter stopped the answer (finish_reason=content_filter)", retryable=False
        )
    if isinstance(cause, AssertionError) and str(cause).startswith(_REFUSAL_PREFIX):
        return ProviderError(f"the model refused: {str(cause).removeprefix(_REFUSAL_PREFIX)}", retryable=False)
    return ProviderError(
        f"model returned invalid structured output after {error.n_attempts} attempts: {describe(cause or error)}",
        retryable=False,
    )


def _api_error(error: openai.APIError) -> ProviderError:
    """An SDK error as a ProviderError with Temporal's retry semantics and the provider's own message."""
    if isinstance(error, openai.APITimeoutError):
        return ProviderError("OpenAI request timed out", retryable=True)
    if isinstance(error, openai.APIConnectionError):
        return ProviderError(f"OpenAI unreachable: {error.__cause__ or error.message}", retryable=True)
    detail = error.body.get("message") if isinstance(error.body, dict) else None
    detail = detail if isinstance(detail, str) and detail else error.message
    if not isinstance(error, openai.APIStatusError):  # an error event inside a stream
        return ProviderError(f"OpenAI error: {detail}", retryable=True)
    status = error.status_code
    code = f" {error.code}" if error.code else ""
    message = f"OpenAI error {status}{code}: {detail}"
    # A 429 for an exhausted quota or billing limit does not clear up by waiting.
    retryable = (status in _RETRYABLE_STATUSES and error.code != "insufficient_quota") or status >= 500
    if not retryable:
        return ProviderError(message, retryable=False)
    return ProviderError(message, retryable=True, retry_after=retry_after(error.response.headers))


def _finish_reason(response: Any) -> str | None:
    choices = getattr(response, "choices", None)
    return getattr(choices[0], "finish_reason", None) if choices else None


def _token_usage(usage: Any) -> TokenUsage:
    return TokenUsage(prompt_tokens=usage.prompt_tokens or 0, completion_tokens=usage.completion_tokens or 0)
