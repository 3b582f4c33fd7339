"""Fair scheduling across users (Temporal fairness keys and priorities, on the dev server started with fairness
on): measured from the order in which renders start on a worker with 2 image slots."""

import asyncio
import time
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

import httpx
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from temporalio.client import Client

from core.config import Settings
from domain.character import Character
from domain.panel import Panel
from domain.style import DEFAULT_STYLE, Style
from providers.images import ReferenceImage, RenderedImage
from tests.conftest import api_client, worker_on
from tests.flow import PHASE, PROJECTS, create_project, other_queues
from tests.helpers import auth
from tests.test_quotas import PixelImages

RENDER_SECONDS = 0.12


@dataclass
class StartLog:
    """A renderer that records which panel (by background) starts when, then takes RENDER_SECONDS."""

    pixels: PixelImages = field(default_factory=PixelImages)
    starts: list[str] = field(default_factory=list)
    name: str = "start-log"

    async def render_character(self, character: Character, prompt: str, style: Style = DEFAULT_STYLE) -> RenderedImage:
        return await self.pixels.render_character(character, prompt, style)

    async def render_panel(
        self, panel: Panel, prompt: str, references: list[ReferenceImage], style: Style = DEFAULT_STYLE
    ) -> RenderedImage:
        self.starts.append(panel.background)
        await asyncio.sleep(RENDER_SECONDS)
        return await self.pixels.render_panel(panel, prompt, references, style)

    def of(self, user: str) -> list[int]:
        """Positions (in start order) of `user`'s renders."""
        return [i for i, background in enumerate(self.starts) if background.startswith(f"{user}:")]


@asynccontextmanager
async def scheduled(
    temporal_client: Client, settings: Settings, sessions: async_sessionmaker[AsyncSession], **overrides: Any
) -> AsyncIterator[tuple[httpx.AsyncClient, StartLog]]:
    local = other_queues(
        settings, image_max_concurrent=2, user_generation_rate=1000, user_max_active_runs=20, **overrides
    )
    log = StartLog()
    async with worker_on(temporal_client, local, sessions, images=log), api_client(local) as api:
        yield api, log


async def comic(api: httpx.AsyncClient, user: str, panels: int) -> str:
    """A project with `panels` panels written by hand, ready to render."""
    pid = str((await create_project(api, user, title=user))["id"])
    state = {"panels": [{"background": f"{user}:{i}"} for i in range(panels)]}
    response = await api.patch(f"{PROJECTS}/{pid}", json={"version": 1, "state": state}, headers=auth(user))
    assert response.status_code == 200, response.text
    return pid


async def render_all(api: httpx.AsyncClient, user: str, pid: str) -> None:
    response = await api.post(f"{PHASE}/render-all-panels/{pid}", headers=auth(user))
    assert response.status_code == 202, response.text


async def until(predicate: Any, within: float = 60) -> None:
    deadline = time.monotonic() + within
    while not predicate():
        assert time.monotonic() < deadline, "condition not met in time"
        await asyncio.sleep(0.01)


def users() -> tuple[str, str]:
    tag = uuid.uuid4().hex[:6]
    return f"a{tag}", f"b{tag}"


async def a_backlog_then_b(api: httpx.AsyncClient, log: StartLog, a_panels: int, b_panels: int) -> tuple[str, str]:
    """A queues a long bulk render; once it runs, B queues a short one. Returns (a, b) once both are done."""
    a, b = users()
    pid_a, pid_b = await comic(api, a, a_panels), await comic(api, b, b_panels)
    await render_all(api, a, pid_a)
    await until(lambda: len(log.of(a)) >= 2)  # A holds both slots; the rest of A's renders wait in the queue
    await render_all(api, b, pid_b)
    await until(lambda: len(log.of(a)) == a_panels and len(log.of(b)) == b_panels, within=120)
    return a, b


async def test_a_short_render_interleaves_with_a_long_backlog(
    temporal_client: Client, settings: Settings, sessions: async_sessionmaker[AsyncSession]
) -> None:
    async with scheduled(temporal_client, settings, sessions) as (api, log):
        a, b = await a_backlog_then_b(api, log, 40, 5)
    a_starts, b_starts = log.of(a), log.of(b)
    # All of B's five renders start before A's 15th (first come, first served: after all 40 of A's).
    assert max(b_starts) < a_starts[14], log.starts


async def test_weights_share_the_slots_in_proportion(
    temporal_client: Client, settings: Settings, sessions: async_sessionmaker[AsyncSession]
) -> None:
    a, b = users()
    weights = {a: 3.0, b: 1.0}
    async with scheduled(temporal_client, settings, sessions, fairness_weights=weights) as (api, log):
        pid_a, pid_b = await comic(api, a, 30), await comic(api, b, 30)
        await render_all(api, a, pid_a)
        await until(lambda: len(log.of(a)) >= 2)
        await render_all(api, b, pid_b)
        await until(lambda: len(log.of(b)) >= 1)
        first_b = log.of(b)[0]
        await until(lambda: len(log.starts) >= first_b + 24)
    window = log.starts[first_b + 1 : first_b + 17]  # 16 starts while both have a backlog
    from_a = sum(s.startswith(f"{a}:") for s in window)
    assert abs(from_a - 12) <= 1, window  # 3:1 of 16 is 12:4, within one item


async def test_an_interactive_render_starts_within_the_next_two_slots(
    temporal_client: Client, settings: Settings, sessions: async_sessionmaker[AsyncSession]
) -> None:
    a, b = users()
    async with scheduled(temporal_client, settings, sessions) as (api, log):
        pid_a, pid_b = await comic(api, a, 40), await comic(api, b, 1)
        await render_all(api, a, pid_a)
        await until(lambda: len(log.of(a)) >= 4)
        panel = (await api.get(f"{PROJECTS}/{pid_b}", headers=auth(b))).json()["state"]["panels"][0]
        before = len(log.starts)
        response = await api.post(f"{PHASE}/render-panel/{pid_b}", json={"panel_id": panel["id"]}, headers=auth(b))
        assert response.status_code == 202
        await until(lambda: len(log.of(b)) == 1)
    assert log.of(b)[0] - before <= 2, log.starts  # a click waits at most for the renders already running


async def test_without_fairness_keys_it_is_first_come_first_served(
    temporal_client: Client, settings: Settings, sessions: async_sessionmaker[AsyncSession]
) -> None:
    async with scheduled(temporal_client, settings, sessions, fairness_enabled=False) as (api, log):
        a, b = await a_backlog_then_b(api, log, 40, 5)
    a_starts, b_starts = log.of(a), log.of(b)
    # Only B's first render (interactive priority) jumps the queue; the rest wait behind A's backlog.
    assert sorted(b_starts)[1] > a_starts[14], log.starts
