"""The OpenAI storyteller against a faithful local fake of the Chat Completions API, alone and inside the workflow."""

import asyncio
import time
import uuid
from collections.abc import AsyncIterator, Iterator
from typing import Any

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from temporalio.client import Client

from contracts import workflows as names
from contracts.workflows import StoryRequest
from core.config import Settings
from devstack.ports import free_port
from domain.drafts import CharacterProfile, PanelDraft, TokenUsage
from providers.errors import ProviderError
from providers.factory import ProviderNotAvailable, make_llm
from providers.openai_llm import OpenAIStoryteller
from providers.prompts import CHARACTERS_SYSTEM_PROMPT, STORY_SYSTEM_PROMPT
from tests.conftest import worker_on
from tests.fakes.openai_server import ErrorReply, FakeOpenAI, MessageReply, StreamReply, ToolReply
from tests.flow import other_queues, request_phase, start_project, wait_for

API_KEY = "sk-test-" + uuid.uuid4().hex[:8]
MODEL = "gpt-4o-2024-08-06"
PROMPT = "a lighthouse keeper befriends a sea monster"

STORY = """Mira Vale kept the lighthouse at Gullhaven, polishing the great lamp each dusk and counting the boats home.

One foggy night a vast shape rose beside the rocks. Grendlow, an ancient sea monster with barnacled green scales, \
whispered, "Your light is failing, keeper. The ships will break on the reef."

Mira refused to believe it until Tamsin, the old harbour pilot, showed her the cracked lens. "Only sea-glass from \
the drowned bell-tower can mend it," Tamsin said.

Captain Vask, who wanted the harbour dark so his wreckers could plunder, sent his black ship after Mira's rowboat.

Grendlow rose beneath the warship's keel and tipped Vask into the surf. "Swim home, captain," the monster rumbled.

Mira set the sea-glass in the lens, and the beam swept out over the water once more.

Every boat came home that night, and Grendlow sang beneath the lighthouse until dawn."""

CHARACTERS: list[dict[str, Any]] = [
    {
        "name": "Mira Vale",
        "brief": "The young keeper of the Gullhaven lighthouse",
        "character_type": "humanoid",
        "era": "timeless seaside village",
        "visual_form": "slight, oilskin coat, rolled sleeves",
        "color_palette": ["#1f4e9c", "#f1c40f", "#f5f5f5"],
        "distinctive_markers": ["brass lamp key on a cord", "freckles"],
        "demeanor": "stubborn, kind",
        "role": "protagonist",
    },
    {
        "name": "Grendlow",
        "brief": "An ancient sea monster who warns Mira",
        "character_type": "creature",
        "era": "ageless",
        "visual_form": "vast serpent with barnacled scales",
        "color_palette": ["#2e8b57", "#008080", "#1a1a1a"],
        "distinctive_markers": ["barnacles", "lantern-bright eyes"],
        "demeanor": "slow, gentle",
        "role": "supporting",
    },
    {
        "name": "Tamsin",
        "brief": "The old harbour pilot and Mira's mentor",
        "character_type": "humanoid",
        "era": "timeless seaside village",
        "visual_form": "stooped, knitted cap, pipe",
        "color_palette": ["#7b4a2a", "#808080", "#c0c0c0"],
        "distinctive_markers": ["clay pipe"],
        "demeanor": "wry",
        "role": "supporting",
    },
    {
        "name": "Captain Vask",
        "brief": "A wrecker captain who wants the harbour dark",
        "character_type": "humanoid",
        "era": "timeless seaside village",
        "visual_form": "tall, black greatcoat, tricorn",
        "color_palette": ["#1a1a1a", "#dc143c", "#d4af37"],
        "distinctive_markers": ["scar across the chin"],
        "demeanor": "sneering",
        "role": "antagonist",
    },
]
CAST = [c["name"] for c in CHARACTERS]

PANELS: list[dict[str, Any]] = [
    {"background": "Lighthouse lamp room at dusk", "characters": ["Mira Vale"], "dialogue": "Caption: Gullhaven."},
    {
        "background": "Foggy rocks at night, a vast shape rising",
        "characters": ["Mira Vale", "Grendlow"],
        "dialogue": "Grendlow: Your light is failing, keeper.",
    },
    {
        "background": "Harbour net-loft, the cracked lens on a table",
        "characters": ["Mira Vale", "Tamsin"],
        "dialogue": "Tamsin: Only sea-glass from the drowned bell-tower can mend it.",
    },
    {"background": "A black warship slicing through the fog", "characters": ["Captain Vask"], "dialogue": ""},
    {
        "background": "The warship tipping as the monster rises beneath it",
        "characters": ["Grendlow", "Captain Vask"],
        "dialogue": "Grendlow: Swim home, captain.",
    },
    {"background": "The lamp room, the beam sweeping out", "characters": ["Mira Vale"], "dialogue": ""},
    {
        "background": "Boats returning under the beam at dawn",
        "characters": [],
        "dialogue": "Caption: Every boat came home.",
    },
]


def story_chunks(text: str, words: int = 6) -> list[str]:
    """The story cut into deltas of a few words, keeping every space and newline."""
    tokens = text.split(" ")
    return [
        " ".join(tokens[i : i + words]) + (" " if i + words < len(tokens) else "") for i in range(0, len(tokens), words)
    ]


@pytest.fixture(scope="module")
def fake_server() -> Iterator[FakeOpenAI]:
    with FakeOpenAI().serving() as fake:
        yield fake


@pytest.fixture
def fake(fake_server: FakeOpenAI) -> FakeOpenAI:
    fake_server.reset()
    return fake_server


@pytest.fixture
async def llm(fake: FakeOpenAI) -> AsyncIterator[OpenAIStoryteller]:
    storyteller = OpenAIStoryteller(API_KEY, base_url=fake.base_url, model=MODEL, max_reasks=1)
    yield storyteller
    await storyteller.aclose()


async def no_deltas(_: str) -> None:
    pass


# ---- the provider alone ------------------------------------------------------------------------------------------


async def test_story_streams_each_delta_as_it_arrives(fake: FakeOpenAI, llm: OpenAIStoryteller) -> None:
    chunks = story_chunks(STORY)
    assert len(chunks) > 10
    fake.script(StreamReply(chunks, prompt_tokens=57, completion_tokens=321, chunk_delay=0.01))
    deltas: list[tuple[float, str]] = []

    async def on_delta(text: str) -> None:
        deltas.append((time.monotonic(), text))

    result = await llm.write_story(PROMPT, on_delta)

    assert [text for _, text in deltas] == chunks
    assert "".join(text for _, text in deltas) == result.text == STORY
    assert result.finish_reason == "stop"
    assert result.usage == TokenUsage(prompt_tokens=57, completion_tokens=321)
    # Deltas were handed on as they arrived, not after the stream ended.
    assert deltas[-1][0] - deltas[0][0] >= 0.5 * 0.01 * (len(chunks) - 1)
    [request] = fake.requests
    assert request.path == "/v1/chat/completions"
    assert request.headers["authorization"] == f"Bearer {API_KEY}"
    assert request.body["model"] == MODEL
    assert request.stream and request.body["stream_options"] == {"include_usage": True}
    assert request.messages == [
        {"role": "system", "content": STORY_SYSTEM_PROMPT},
        {"role": "user", "content": PROMPT},
    ]
    assert "tools" not in request.body


async def test_story_stopped_by_the_content_filter_is_final(fake: FakeOpenAI, llm: OpenAIStoryteller) -> None:
    fake.script(StreamReply(["The keeper ", "took a"], finish_reason="content_filter"))
    with pytest.raises(ProviderError, match="content filter") as raised:
        await llm.write_story(PROMPT, no_deltas)
    assert raised.value.retryable is False
    assert len(fake.requests) == 1


async def test_characters_come_from_the_forced_tool_call(fake: FakeOpenAI, llm: OpenAIStoryteller) -> None:
    fake.script(ToolReply({"characters": CHARACTERS}, prompt_tokens=812, completion_tokens=401))
    result = await llm.extract_characters(STORY)

    assert result.items == [CharacterProfile(**c) for c in CHARACTERS]
    assert result.usage == TokenUsage(prompt_tokens=812, completion_tokens=401)
    [request] = fake.requests
    assert not request.stream
    assert request.body["model"] == MODEL
    assert request.messages == [
        {"role": "system", "content": CHARACTERS_SYSTEM_PROMPT},
        {"role": "user", "content": STORY},
    ]
    tool = request.tool_schema
    assert request.body["tool_choice"] == {"type": "function", "function": {"name": tool["name"]}}
    profile = tool["parameters"]["$defs"]["CharacterProfile"]
    assert profile["properties"]["character_type"]["enum"] == ["humanoid", "creature", "concept", "object"]
    assert profile["additionalProperties"] is False


async def test_a_name_outside_the_cast_is_reasked_with_the_validation_error(
    fake: FakeOpenAI, llm: OpenAIStoryteller
) -> None:
    stray = [dict(PANELS[0]), *PANELS[1:]]
    stray[0]["characters"] = ["Mira Vale", "Bosun Pike"]
    fixed = [dict(PANELS[0]), *PANELS[1:]]
    fixed[0]["characters"] = ["mira vale", "Vask"]  # another case, and a last name only one member has: accepted
    fake.script(
        ToolReply({"panels": stray}, prompt_tokens=900, completion_tokens=300),
        ToolReply({"panels": fixed}, prompt_tokens=1250, completion_tokens=310),
    )
    result = await llm.generate_panels(STORY, CAST)

    assert [type(p) for p in result.items] == [PanelDraft] * len(PANELS)
    assert result.items[0].characters == ["Mira Vale", "Captain Vask"]
    assert [p.model_dump(exclude={"caption"}) for p in result.items[1:]] == PANELS[1:]
    # Both attempts are paid for.
    assert result.usage == TokenUsage(prompt_tokens=2150, completion_tokens=610)

    first, second = fake.requests
    system = first.messages[0]["content"]
    assert "Mira Vale, Grendlow, Tamsin, Captain Vask" in system
    panel_schema = next(iter(first.tool_schema["parameters"]["$defs"].values()))
    assert panel_schema["properties"]["characters"]["items"]["enum"] == CAST
    # The re-ask replays the bad tool call and answers it with the validation error.
    assert second.messages[:2] == first.messages
    assistant, answer = second.messages[2:]
    assert assistant["role"] == "assistant" and "Bosun Pike" in assistant["tool_calls"][0]["function"]["arguments"]
    assert answer["role"] == "tool" and answer["tool_call_id"] == assistant["tool_calls"][0]["id"]
    assert "'Bosun Pike' is not in the cast" in answer["content"]
    assert "Mira Vale, Grendlow, Tamsin, Captain Vask" in answer["content"]


async def test_malformed_json_twice_is_a_clear_final_error(fake: FakeOpenAI, llm: OpenAIStoryteller) -> None:
    fake.script(ToolReply('{"characters": [{"name": "Mira'), ToolReply('{"characters": [{"name": "Mira", }'))
    with pytest.raises(ProviderError) as raised:
        await llm.extract_characters(STORY)
    assert raised.value.retryable is False
    assert raised.value.message.startswith("model returned invalid structured output after 2 attempts: ")
    assert len(fake.requests) == 2


async def test_content_filter_and_refusal_in_structured_output_are_final_without_reasking(
    fake: FakeOpenAI, llm: OpenAIStoryteller
) -> None:
    fake.script(MessageReply(content=None, finish_reason="content_filter"))
    with pytest.raises(ProviderError, match="content filter") as filtered:
        await llm.extract_characters(STORY)
    assert filtered.value.retryable is False
    assert len(fake.requests) == 1

    fake.script(MessageReply(refusal="I'm sorry, I can't help with that."))
    with pytest.raises(ProviderError, match="the model refused: I'm sorry") as refused:
        await llm.generate_panels(STORY, CAST)
    assert refused.value.retryable is False
    assert len(fake.requests) == 2


@pytest.mark.parametrize(
    ("reply", "retryable", "retry_after"),
    [
        (ErrorReply(429, "Rate limit reached for gpt-4o", "requests", "rate_limit_exceeded", "0.2"), True, 0.2),
        (ErrorReply(503, "The server is overloaded", "server_error"), True, None),
        (ErrorReply(500, "The server had an error", "server_error", retry_after="2"), True, 2.0),
        (ErrorReply(429, "You exceeded your current quota", "insufficient_quota", "insufficient_quota"), False, None),
        (
            ErrorReply(401, "Incorrect API key provided: sk-test", "invalid_request_error", "invalid_api_key"),
            False,
            None,
        ),
        (ErrorReply(403, "Country, region, or territory not supported", "request_forbidden"), False, None),
        (
            ErrorReply(400, "Your request was rejected by our safety system", code="content_policy_violation"),
            False,
            None,
        ),
    ],
    ids=["429", "503", "500", "quota", "401", "403", "400-policy"],
)
@pytest.mark.parametrize("call", ["story", "characters", "panels"])
async def test_http_errors_map_to_temporal_retry_semantics(
    fake: FakeOpenAI,
    llm: OpenAIStoryteller,
    reply: ErrorReply,
    retryable: bool,
    retry_after: float | None,
    call: str,
) -> None:
    fake.script(reply)
    with pytest.raises(ProviderError) as raised:
        if call == "story":
            await llm.write_story(PROMPT, no_deltas)
        elif call == "characters":
            await llm.extract_characters(STORY)
        else:
            await llm.generate_panels(STORY, CAST)
    error = raised.value
    assert (error.retryable, error.retry_after) == (retryable, retry_after)
    assert reply.message in error.message and str(reply.status) in error.message
    assert len(fake.requests) == 1  # the client itself never retries: that is Temporal's job


async def test_unreachable_server_and_timeouts_are_retryable(fake: FakeOpenAI) -> None:
    nowhere = OpenAIStoryteller(API_KEY, base_url=f"http://127.0.0.1:{free_port()}/v1", model=MODEL)
    with pytest.raises(ProviderError, match="unreachable") as unreachable:
        await nowhere.write_story(PROMPT, no_deltas)
    assert unreachable.value.retryable is True
    await nowhere.aclose()

    impatient = OpenAIStoryteller(API_KEY, base_url=fake.base_url, model=MODEL, timeout=0.2)
    fake.script(ToolReply({"characters": CHARACTERS}, delay=1.0))
    with pytest.raises(ProviderError, match="timed out") as timed_out:
        await impatient.extract_characters(STORY)
    assert timed_out.value.retryable is True
    assert len(fake.requests) == 1
    await impatient.aclose()


def test_factory_builds_the_openai_storyteller_from_settings() -> None:
    explicit = make_llm(
        Settings(llm_provider="openai", openai_api_key="sk-x", openai_base_url="http://h/v1", openai_model="m")
    )
    assert isinstance(explicit, OpenAIStoryteller)
    assert explicit.model == "m" and str(explicit.client.base_url).startswith("http://h/v1")
    assert explicit.client.max_retries == 0
    auto = make_llm(Settings(llm_provider="auto", openai_api_key="sk-x"))
    assert isinstance(auto, OpenAIStoryteller) and auto.model == "gpt-4o"
    local = make_llm(Settings(llm_provider="openai", openai_api_key=None, openai_base_url="http://localhost:11434/v1"))
    assert isinstance(local, OpenAIStoryteller)
    with pytest.raises(ProviderNotAvailable, match="OPENAI_API_KEY"):
        make_llm(Settings(llm_provider="openai", openai_api_key=None, openai_base_url=None))


# ---- inside the workflow, on the real Temporal dev server and PostgreSQL -----------------------------------------


@pytest.fixture
async def workflow_llm(fake: FakeOpenAI) -> AsyncIterator[OpenAIStoryteller]:
    storyteller = OpenAIStoryteller(API_KEY, base_url=fake.base_url, model=MODEL)
    yield storyteller
    await storyteller.aclose()


async def test_rate_limit_is_retried_by_temporal_one_call_per_attempt(
    temporal_client: Client,
    settings: Settings,
    sessions: async_sessionmaker[AsyncSession],
    fake: FakeOpenAI,
    workflow_llm: OpenAIStoryteller,
) -> None:
    fake.script(
        ErrorReply(429, "Rate limit reached for gpt-4o", "requests", "rate_limit_exceeded", retry_after="1.5"),
        StreamReply(story_chunks(STORY), prompt_tokens=60, completion_tokens=330),
    )
    local = other_queues(settings)
    project = await start_project(sessions, PROMPT)
    async with worker_on(temporal_client, local, sessions, llm=workflow_llm):
        await request_phase(temporal_client, local, project.id, names.GENERATE_STORY, StoryRequest())
        snapshot = await wait_for(temporal_client, project, lambda s: s.state.phases.story.status != "running")
    assert snapshot.state.story.status == "completed", snapshot.state.phases.story
    assert snapshot.state.story.text == STORY
    assert snapshot.state.usage.prompt_tokens == 60 and snapshot.state.usage.completion_tokens == 330
    first, second = fake.requests
    # One HTTP call per activity attempt, the second after the server's Retry-After rather than the policy's 1 s.
    # (1.5 s, not a sub-second value: on the dev server sub-second retry delays fired after up to ~1 s, which the
    # policy's initial interval would also give.)
    assert first.body == second.body
    assert 1.5 <= second.at - first.at < 3.0


async def test_content_policy_refusal_ends_the_phase_with_the_providers_message(
    temporal_client: Client,
    settings: Settings,
    sessions: async_sessionmaker[AsyncSession],
    fake: FakeOpenAI,
    workflow_llm: OpenAIStoryteller,
) -> None:
    refusal = "Your request was rejected as a result of our safety system."
    fake.script(ErrorReply(400, refusal, code="content_policy_violation"))
    local = other_queues(settings)
    project = await start_project(sessions, PROMPT)
    async with worker_on(temporal_client, local, sessions, llm=workflow_llm):
        await request_phase(temporal_client, local, project.id, names.GENERATE_STORY, StoryRequest())
        snapshot = await wait_for(temporal_client, project, lambda s: s.state.phases.story.status != "running")
        await asyncio.sleep(0.3)  # room for a retry that must not come
    phase = snapshot.state.phases.story
    assert phase.status == "error" and refusal in (phase.error or "")
    assert snapshot.state.story.status == "error"
    assert len(fake.requests) == 1


async def test_auto_run_with_openai_builds_a_whole_comic(
    temporal_client: Client,
    settings: Settings,
    sessions: async_sessionmaker[AsyncSession],
    fake: FakeOpenAI,
    workflow_llm: OpenAIStoryteller,
) -> None:
    fake.script(
        StreamReply(story_chunks(STORY), prompt_tokens=61, completion_tokens=340),
        ToolReply({"characters": CHARACTERS}, prompt_tokens=700, completion_tokens=420),
        ToolReply({"panels": PANELS}, prompt_tokens=820, completion_tokens=510),
    )
    local = other_queues(settings)
    project = await start_project(sessions, PROMPT)
    async with worker_on(temporal_client, local, sessions, llm=workflow_llm):
        await request_phase(temporal_client, local, project.id, names.RUN_AUTO, StoryRequest())
        snapshot = await wait_for(temporal_client, project, lambda s: not s.auto_running, within=90)

    state = snapshot.state
    assert {name: phase.status for name, phase in state.phases} == dict.fromkeys(
        ["story", "characters", "character_renders", "panels", "panel_renders", "pages"], "completed"
    ), state.phases
    assert state.story.text == STORY and state.story.finish_reason == "stop"
    assert sorted(c.name for c in state.characters.values()) == sorted(CAST)
    assert all(c.artifact is not None for c in state.characters.values())
    assert [p.background for p in state.panels] == [p["background"] for p in PANELS]
    assert [p.characters for p in state.panels] == [p["characters"] for p in PANELS]
    assert all(p.artifact is not None and p.render_status == "completed" for p in state.panels)
    assert state.usage.prompt_tokens == 61 + 700 + 820
    assert state.usage.completion_tokens == 340 + 420 + 510
    assert fake.pending == 0
    story, characters, panels = fake.requests
    assert story.stream and not characters.stream and not panels.stream
    assert characters.messages[1]["content"] == STORY
    # The panel prompt carries the cast as the project presents it (protagonist first, then by role and name).
    assert ", ".join(c.name for c in state.characters.values()) in panels.messages[0]["content"]
    assert snapshot.persisted_version == snapshot.version
