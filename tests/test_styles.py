"""Style presets: set at creation, in every prompt and every render call, changeable only before rendering."""

from dataclasses import dataclass, field

import httpx
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from temporalio.client import Client

from core.config import Settings
from domain.character import Character
from domain.panel import Panel
from domain.style import DEFAULT_STYLE, STYLE_PROMPTS, STYLES, Style
from providers.factory import make_images
from providers.images import ImageProvider, ReferenceImage, RenderedImage
from providers.prompts import character_sheet_prompt, panel_prompt
from tests.conftest import api_client, worker_on
from tests.flow import PHASE, PROJECTS, get_project, other_queues, settle
from tests.helpers import auth
from tests.test_state_models import sample_state

PROMPT = "a lighthouse keeper befriends a sea monster"


@dataclass
class RecordingImages:
    """Delegates to a real renderer, recording each call's kind, prompt and style."""

    inner: ImageProvider
    calls: list[tuple[str, str, Style]] = field(default_factory=list)
    name: str = "recording-images"

    async def render_character(self, character: Character, prompt: str, style: Style = DEFAULT_STYLE) -> RenderedImage:
        self.calls.append(("character", prompt, style))
        return await self.inner.render_character(character, prompt, style)

    async def render_panel(
        self, panel: Panel, prompt: str, references: list[ReferenceImage], style: Style = DEFAULT_STYLE
    ) -> RenderedImage:
        self.calls.append(("panel", prompt, style))
        return await self.inner.render_panel(panel, prompt, references, style)


def test_each_preset_has_its_own_wording_in_sheet_and_panel_prompts() -> None:
    state = sample_state()
    hero = next(iter(state.characters.values()))
    assert len(set(STYLE_PROMPTS.values())) == len(STYLES) == 5
    for style in STYLES:
        for prompt in (character_sheet_prompt(hero, style), panel_prompt(state.panels[0], [hero.name], style)):
            assert STYLE_PROMPTS[style] in prompt
            assert all(STYLE_PROMPTS[other] not in prompt for other in STYLES if other != style)
    assert character_sheet_prompt(hero) == character_sheet_prompt(hero, "western")


async def test_a_style_set_at_creation_reaches_every_render_call_and_prompt(
    temporal_client: Client, settings: Settings, sessions: async_sessionmaker[AsyncSession], user: str
) -> None:
    local = other_queues(settings)
    images = RecordingImages(make_images(local))
    async with worker_on(temporal_client, local, sessions, images=images), api_client(local) as api:
        created = await api.post(
            PROJECTS, json={"title": "Manga", "prompt": PROMPT, "style": "manga"}, headers=auth(user)
        )
        assert created.status_code == 201, created.text
        assert created.json()["state"]["style"] == "manga"
        pid = created.json()["id"]
        response = await api.post(f"{PHASE}/run/{pid}", headers=auth(user))
        assert response.status_code == 202, response.text
        await settle(api, user, pid)
        project = await get_project(api, user, pid)
    state = project["state"]
    kinds = [kind for kind, _, _ in images.calls]
    assert kinds.count("character") == len(state["characters"]) and kinds.count("panel") == len(state["panels"])
    assert {style for _, _, style in images.calls} == {"manga"}
    assert all(STYLE_PROMPTS["manga"] in prompt for _, prompt, _ in images.calls)
    artifacts = [e["artifact"] for e in [*state["characters"].values(), *state["panels"]]]
    assert all(STYLE_PROMPTS["manga"] in a["prompt"] for a in artifacts)  # what was sent is what is recorded


async def test_style_changes_before_rendering_and_is_refused_after(api: httpx.AsyncClient, user: str) -> None:
    created = await api.post(PROJECTS, json={"title": "Plain", "prompt": PROMPT}, headers=auth(user))
    project = created.json()
    assert project["state"]["style"] == DEFAULT_STYLE
    refused = await api.post(PROJECTS, json={"title": "x", "style": "cubist"}, headers=auth(user))
    assert refused.status_code == 422

    response = await api.patch(
        f"{PROJECTS}/{project['id']}",
        json={"version": project["version"], "state": {"style": "noir"}},
        headers=auth(user),
    )
    assert response.status_code == 200, response.text
    assert response.json()["state"]["style"] == "noir"

    run = await api.post(f"{PHASE}/run/{project['id']}", headers=auth(user))
    assert run.status_code == 202, run.text
    await settle(api, user, project["id"])
    project = await get_project(api, user, project["id"])
    assert project["state"]["characters"] and all(c["artifact"] for c in project["state"]["characters"].values())
    response = await api.patch(
        f"{PROJECTS}/{project['id']}",
        json={"version": project["version"], "state": {"style": "watercolor"}},
        headers=auth(user),
    )
    assert response.status_code == 422, response.text
    detail = response.json()["detail"]
    assert "state.style" in detail and "already rendered" in detail and "'noir'" in detail
    # Echoing the current style is no change, and nothing was written by the refusal.
    again = await api.patch(
        f"{PROJECTS}/{project['id']}",
        json={"version": project["version"], "state": {"style": "noir"}},
        headers=auth(user),
    )
    assert again.status_code == 200, again.text
    assert (await get_project(api, user, project["id"]))["state"]["style"] == "noir"


async def test_the_openapi_lists_the_presets_as_an_enum(api: httpx.AsyncClient) -> None:
    schemas = (await api.get("/openapi.json")).json()["components"]["schemas"]
    assert schemas["ProjectCreate"]["properties"]["style"]["enum"] == list(STYLES)
    assert schemas["ConsolidatedComicState"]["properties"]["style"]["enum"] == list(STYLES)
    edit = schemas["StateEdit"]["properties"]["style"]["anyOf"]
    assert {"type": "string", "enum": list(STYLES)} in edit
