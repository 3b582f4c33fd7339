"""Cost and usage: every provider call is recorded per model, priced from the price table, per project and per user."""

import asyncio
import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from temporalio.client import Client

from core.config import Settings
from db.migrate import upgrade
from domain.character import Character
from domain.drafts import CharacterProfile, PanelDraft, TokenUsage
from domain.panel import Panel
from domain.state import ConsolidatedComicState, ModelTokens, Usage
from domain.style import DEFAULT_STYLE, Style
from domain.usage import DEFAULT_PRICES, UNRECORDED, ModelPrice, PriceTable, load_price_table, usage_report
from providers.factory import make_images, make_llm
from providers.images import ImageProvider, ReferenceImage, RenderedImage
from providers.llm import Extraction, LLMProvider, OnDelta, StoryResult
from tests.conftest import api_client, worker_on
from tests.flow import PHASE, create_project, get_project, other_queues, settle
from tests.helpers import auth
from tests.migration_rows import raw_row

PROMPT = "a lighthouse keeper befriends a sea monster"


@dataclass
class RecordingLLM:
    """Delegates to a real storyteller (under its name), recording the usage each call returned."""

    inner: LLMProvider
    usages: list[TokenUsage] = field(default_factory=list)
    name: str = ""

    def __post_init__(self) -> None:
        self.name = self.inner.name

    async def write_story(self, prompt: str, on_delta: OnDelta) -> StoryResult:
        result = await self.inner.write_story(prompt, on_delta)
        self.usages.append(result.usage)
        return result

    async def extract_characters(self, story: str) -> Extraction[CharacterProfile]:
        result = await self.inner.extract_characters(story)
        self.usages.append(result.usage)
        return result

    async def generate_panels(self, story: str, cast: list[str]) -> Extraction[PanelDraft]:
        result = await self.inner.generate_panels(story, cast)
        self.usages.append(result.usage)
        return result


@dataclass
class RecordingImages:
    """Delegates to a real renderer, recording the model of each image it returned."""

    inner: ImageProvider
    models: list[str] = field(default_factory=list)
    name: str = "recording-images"

    async def render_character(self, character: Character, prompt: str, style: Style = DEFAULT_STYLE) -> RenderedImage:
        image = await self.inner.render_character(character, prompt, style)
        self.models.append(image.model)
        return image

    async def render_panel(
        self, panel: Panel, prompt: str, references: list[ReferenceImage], style: Style = DEFAULT_STYLE
    ) -> RenderedImage:
        image = await self.inner.render_panel(panel, prompt, references, style)
        self.models.append(image.model)
        return image


def test_the_report_prices_tokens_and_images_per_model_and_lists_unknown_models() -> None:
    prices = PriceTable(
        currency="EUR",
        models={"m": ModelPrice(input_per_million=2.0, output_per_million=8.0), "img": ModelPrice(per_image=0.04)},
    )
    one = Usage(
        prompt_tokens=1_000_000,
        completion_tokens=500_000,
        llm={"m": ModelTokens(calls=2, prompt_tokens=1_000_000, completion_tokens=500_000)},
    )
    two = Usage(images={"img": 10, "mystery": 3})
    report = usage_report([one, two], prices)
    assert report.currency == "EUR"
    assert report.models["m"].cost == pytest.approx(2.0 + 4.0) and report.models["m"].llm_calls == 2
    assert report.models["img"].cost == pytest.approx(0.4) and report.images == 13
    assert report.models["mystery"].priced is False and report.unpriced_models == ["mystery"]
    assert report.cost == pytest.approx(6.4)
    assert (report.prompt_tokens, report.completion_tokens, report.llm_calls) == (1_000_000, 500_000, 2)


def test_tokens_from_before_usage_was_kept_per_model_are_shown_unpriced() -> None:
    legacy = Usage(prompt_tokens=700, completion_tokens=300, llm={"m": ModelTokens(calls=1, prompt_tokens=200)})
    report = usage_report([legacy], DEFAULT_PRICES)
    assert (report.prompt_tokens, report.completion_tokens) == (700, 300)  # the totals as they were
    assert report.models[UNRECORDED].prompt_tokens == 500 and report.models[UNRECORDED].completion_tokens == 300
    assert report.unpriced_models == ["m", UNRECORDED]


def test_a_price_file_replaces_and_adds_models_over_the_shipped_table(tmp_path: Path) -> None:
    path = tmp_path / "prices.json"
    path.write_text(json.dumps({"models": {"gpt-4o": {"input_per_million": 1}, "new/model": {"per_image": 0.5}}}))
    table = load_price_table(path)
    assert table.models["gpt-4o"] == ModelPrice(input_per_million=1)
    assert table.models["new/model"].per_image == 0.5
    assert table.models["offline-storyteller"] == ModelPrice()  # the shipped entries stay
    assert load_price_table(None) == DEFAULT_PRICES
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"models": {"x": {"per_image": -1}}}))
    with pytest.raises(ValueError, match="PRICE_TABLE"):
        load_price_table(bad)


async def test_usage_equals_the_sum_of_recorded_calls_and_usage_is_per_user(
    temporal_client: Client,
    settings: Settings,
    sessions: async_sessionmaker[AsyncSession],
    user: str,
    tmp_path: Path,
) -> None:
    prices = tmp_path / "prices.json"
    storyteller = make_llm(settings).name
    prices.write_text(
        json.dumps(
            {
                "models": {
                    storyteller: {"input_per_million": 1000, "output_per_million": 2000},
                    "offline/sheet-generator": {"per_image": 0.5},
                }
            }
        )
    )
    local = other_queues(settings, price_table=prices)
    llm, images = RecordingLLM(make_llm(local)), RecordingImages(make_images(local))
    other_user = f"{user}-other"
    async with worker_on(temporal_client, local, sessions, llm=llm, images=images), api_client(local) as api:
        project = await create_project(api, user, prompt=PROMPT)
        pid = project["id"]
        assert (await api.post(f"{PHASE}/run/{pid}", headers=auth(user))).status_code == 202
        await settle(api, user, pid)
        first = await get_project(api, user, pid)
        hero = next(iter(first["state"]["characters"]))
        cascade = await api.post(
            f"{PHASE}/render-character/{pid}?cascade=true", json={"character_id": hero}, headers=auth(user)
        )
        assert cascade.status_code == 202, cascade.text
        await settle(api, user, pid)
        stored = await get_project(api, user, pid)
        # A second project of the same user (a story only), and one of another user.
        second = await create_project(api, user, prompt="a clockmaker's apprentice")
        assert (
            await api.post(
                f"{PHASE}/generate-story/{second['id']}", headers={**auth(user), "accept": "application/json"}
            )
        ).status_code == 202
        await settle(api, user, second["id"])
        theirs = await create_project(api, other_user, prompt="a baker on the moon")
        assert (
            await api.post(
                f"{PHASE}/generate-story/{theirs['id']}", headers={**auth(other_user), "accept": "application/json"}
            )
        ).status_code == 202
        await settle(api, other_user, theirs["id"])
        mine = (await api.get("/api/comic-builder/usage", headers=auth(user))).json()
        others = (await api.get("/api/comic-builder/usage", headers=auth(other_user))).json()
        unauthenticated = await api.get("/api/comic-builder/usage")
        second_stored = await get_project(api, user, second["id"])

    # The project: exactly the calls the providers answered.
    usage = stored["state"]["usage"]
    recorded_calls = 3  # story, characters, panels of the first project
    own = llm.usages[:recorded_calls]
    assert usage["prompt_tokens"] == sum(u.prompt_tokens for u in own) > 0
    assert usage["completion_tokens"] == sum(u.completion_tokens for u in own) > 0
    assert usage["llm"] == {
        storyteller: {
            "calls": 3,
            "prompt_tokens": usage["prompt_tokens"],
            "completion_tokens": usage["completion_tokens"],
        }
    }
    rendered = (
        len(stored["state"]["characters"]) + len(stored["state"]["panels"]) + 1 + len(cascade.json()["panels_showing"])
    )
    assert len(images.models) == rendered == sum(usage["images"].values())
    assert usage["images"] == {m: images.models.count(m) for m in set(images.models)}

    report = stored["usage"]
    sheets = usage["images"]["offline/sheet-generator"]
    expected = usage["prompt_tokens"] * 1000 / 1e6 + usage["completion_tokens"] * 2000 / 1e6 + sheets * 0.5
    assert report["cost"] == pytest.approx(expected) and report["currency"] == "USD"
    assert report["unpriced_models"] == [] and report["images"] == rendered and report["llm_calls"] == 3

    # Per user: the sum of the caller's projects only.
    assert [p["id"] for p in mine["projects"]] == [second["id"], pid]  # newest first
    story_only = second_stored["state"]["usage"]
    assert mine["prompt_tokens"] == usage["prompt_tokens"] + story_only["prompt_tokens"]
    assert mine["llm_calls"] == 4 and mine["images"] == rendered
    assert mine["cost"] == pytest.approx(report["cost"] + second_stored["usage"]["cost"])
    assert sum(p["cost"] for p in mine["projects"]) == pytest.approx(mine["cost"])
    assert [p["id"] for p in others["projects"]] == [theirs["id"]] and others["images"] == 0
    assert others["llm_calls"] == 1 and others["user_id"] == other_user
    assert len(llm.usages) == 5  # every LLM call made is in exactly one of the reports
    assert unauthenticated.status_code == 401


async def test_documents_from_before_get_their_images_counted_from_their_renders(fresh_database: Callable) -> None:  # type: ignore[type-arg]
    url = await fresh_database()
    await asyncio.to_thread(upgrade, url, "0004")
    pid, hero, panel = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()

    def render(kind: str, model: str, n: int) -> dict[str, str]:
        return {"key": f"{pid}/{kind}/{n}.png", "model": model, "created_at": "2026-11-30T10:00:00Z"}

    state = {
        "schema_version": 2,
        "characters": {
            str(hero): {
                "id": str(hero),
                "name": "Mira",
                "render_status": "completed",
                "artifact": render("characters", "sheets", 2),
                "history": [render("characters", "sheets", 1)],
            }
        },
        "panels": [
            {"id": str(panel), "index": 0, "render_status": "completed", "artifact": render("panels", "edit", 3)}
        ],
        "usage": {"prompt_tokens": 120, "completion_tokens": 80},
    }
    async with raw_row(url) as row:
        await row.insert(pid, state)
        stored = await row.upgrade("head")
        migrated = ConsolidatedComicState.model_validate(stored)
        assert migrated.usage.images == {"sheets": 2, "edit": 1}
        assert (migrated.usage.prompt_tokens, migrated.usage.completion_tokens, migrated.usage.llm) == (120, 80, {})
        assert migrated.style == "western"

        back = await row.downgrade("0004")
        assert back["usage"] == {"prompt_tokens": 120, "completion_tokens": 80} and "style" not in back
