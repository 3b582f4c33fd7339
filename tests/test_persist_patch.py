"""Persisting a keyed patch validates only what it touches, and still refuses every patch that breaks the state."""

import copy
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from temporalio.exceptions import ApplicationError

from activities.persistence import PersistenceActivities
from contracts.activities import PersistInput
from contracts.errors import PERSIST_REFUSED
from db.projects import ProjectRepository
from db.quotas import document_is_generating, state_is_generating
from domain.artifact import Artifact
from domain.character import Character
from domain.panel import Panel
from domain.patch import InvalidState, state_apply, state_apply_validated, state_diff
from domain.state import ConsolidatedComicState, PhaseState, Replaced
from tests.test_state_models import sample_state


def _render(state: ConsolidatedComicState) -> None:
    panel = state.panels[1]
    panel.render_status = "completed"
    panel.artifact = Artifact(
        key=f"{uuid.uuid4()}/panels/{panel.id}-1.png", model="offline", created_at=datetime.now(UTC)
    )
    state.phases.panel_renders = PhaseState(status="running", done=1, total=2)


def _add_and_reorder(state: ConsolidatedComicState) -> None:
    state.panels = [
        Panel(id=uuid.uuid4(), index=0, background="a new opening"),
        state.panels[1].model_copy(update={"index": 1}),
    ]


def _recast(state: ConsolidatedComicState) -> None:
    gone = next(iter(state.characters))
    del state.characters[gone]
    newcomer = Character(id=uuid.uuid4(), name="Grendlow", character_type="creature", role="antagonist")
    state.characters[newcomer.id] = newcomer


def _replace_panels(state: ConsolidatedComicState) -> None:
    state.previous.append(
        Replaced(id=uuid.uuid4(), kind="panels", replaced_at=datetime.now(UTC), panels=list(state.panels))
    )
    state.panels = []
    state.story.text = "Twice upon a time."
    state.usage.completion_tokens = 120


CHANGES: list[Callable[[ConsolidatedComicState], None]] = [_render, _add_and_reorder, _recast, _replace_panels]


@pytest.mark.parametrize("change", CHANGES, ids=lambda c: c.__name__)
def test_validated_apply_reaches_the_same_state_as_validating_the_whole_document(
    change: Callable[[ConsolidatedComicState], None],
) -> None:
    state = sample_state()
    old = state.model_dump(mode="json")
    stored = copy.deepcopy(old)
    change(state)
    patch = state_diff(old, state.model_dump(mode="json"))
    applied = state_apply_validated(old, patch)
    assert ConsolidatedComicState.model_validate(applied) == state
    assert ConsolidatedComicState.model_validate(applied) == ConsolidatedComicState.model_validate(
        state_apply(old, patch)
    )
    assert old == stored  # the stored document is not modified in place


def test_what_the_patch_leaves_alone_is_not_validated_again() -> None:
    # The cost of a write follows the patch: an untouched panel is passed through as stored, even one that would
    # not validate (which no write path can store: this only shows that it is not looked at).
    state = sample_state()
    old = state.model_dump(mode="json")
    old["panels"][0]["not_a_field"] = "left alone"
    patch = {"panels": {str(state.panels[1].id): {"dialogue": "Only this changed."}}}
    applied = state_apply_validated(old, patch)
    assert applied["panels"][0] is old["panels"][0]
    assert applied["panels"][1]["dialogue"] == "Only this changed."
    assert old["panels"][1]["dialogue"] == ""


def _refusals(state: ConsolidatedComicState) -> list[tuple[dict[str, Any], str]]:
    first, second = (str(p.id) for p in state.panels)
    hero = str(next(iter(state.characters)))
    other = str(uuid.uuid4())
    return [
        ({"panels": {first: {"render_status": "melting"}}}, f"panels[{first}].render_status"),
        ({"panels": {first: {"index": -1}}}, f"panels[{first}].index"),
        ({"panels": {first: {"id": other}}}, "holds an entity whose id is"),
        ({"panels": {first: {"index": 1}}}, "ordered by index"),
        ({"panels": {other: {"index": 5}}}, f"panels[{other}].id"),
        ({"panel_order": [first]}, "panel_order must list every panel once"),
        ({"panel_order": [first, second, second]}, "panel_order must list every panel once"),
        ({"characters": {hero: {"role": "villain"}}}, f"characters[{hero}].role"),
        ({"characters": {other: state.characters[uuid.UUID(hero)].model_dump(mode="json")}}, "whose id is"),
        ({"phases": {"story": {"status": "exploded"}}}, "phases.story.status"),
        ({"story": {"colour": "red"}}, "story.colour: unknown field"),
        ({"panels": {first: {"mood": "grim"}}}, f"panels[{first}].mood: unknown field"),
        ({"surprise": 1}, "unknown fields ['surprise']"),
        ({"panels": [1, 2]}, "panels: not an object keyed by id"),
    ]


def test_every_patch_that_breaks_the_state_is_refused_naming_where() -> None:
    # Stricter than validating the applied whole: that one silently dropped a panel missing from panel_order or
    # patched under an id it does not have, and accepted a panel's id changed under its key.
    state = sample_state()
    old = state.model_dump(mode="json")
    for patch, where in _refusals(state):
        with pytest.raises(InvalidState) as refused:
            state_apply_validated(old, patch)
        assert where in str(refused.value), (patch, str(refused.value))


@pytest.mark.parametrize("change", [*CHANGES, lambda s: setattr(s.story, "status", "streaming")])
def test_generating_read_from_the_document_agrees_with_the_model(
    change: Callable[[ConsolidatedComicState], None],
) -> None:
    state = sample_state()
    assert document_is_generating(state.model_dump(mode="json")) is state_is_generating(state) is False
    change(state)
    assert document_is_generating(state.model_dump(mode="json")) is state_is_generating(state)
    state.panels = [p.model_copy(update={"render_status": "rendering"}) for p in state.panels] or [
        Panel(id=uuid.uuid4(), index=0, render_status="rendering")
    ]
    assert document_is_generating(state.model_dump(mode="json")) is state_is_generating(state) is True


async def test_a_refused_patch_is_a_non_retryable_persist_error_and_writes_nothing(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    state = sample_state()
    async with sessions() as session:
        pid = (await ProjectRepository(session).create("persist-owner", "Kept", state.model_dump(mode="json"))).id
    activities = PersistenceActivities(sessions)
    bad = PersistInput(
        project_id=pid,
        expected_version=1,
        version=2,
        patch={"panels": {str(state.panels[0].id): {"render_status": "melting"}}},
    )
    with pytest.raises(ApplicationError) as refused:
        await activities.persist_state(bad)
    assert refused.value.type == PERSIST_REFUSED and refused.value.non_retryable
    assert "the state does not validate: panels[" in str(refused.value)
    good = bad.model_copy(update={"patch": {"panels": {str(state.panels[0].id): {"render_status": "rendering"}}}})
    assert await activities.persist_state(good) == 2
    async with sessions() as session:
        stored = await ProjectRepository(session).get(pid)
    assert stored is not None and stored.version == 2
    expected = state.model_copy(deep=True)
    expected.panels[0].render_status = "rendering"
    assert ConsolidatedComicState.model_validate(stored.state) == expected


def _from_newer_code(state: ConsolidatedComicState) -> dict[str, Any]:
    """`state` as code newer than this would store it: fields this code's models do not know, at every level."""
    document = state.model_dump(mode="json")
    document["newer_section"] = {"kept": True}
    document["phases"]["newer_phase"] = {"status": "completed"}
    document["panels"][1]["newer_panel_field"] = "kept"
    next(iter(document["characters"].values()))["newer_character_field"] = [1, 2]
    return document


async def test_older_code_reads_and_writes_what_newer_code_stored_without_erasing_it(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    # A rolling upgrade (README: Upgrade) runs this code on rows newer code wrote: it must read them, and its
    # writes must keep the fields it does not know.
    state = sample_state()
    document = _from_newer_code(state)
    assert ConsolidatedComicState.from_stored(document) == state
    async with sessions() as session:
        pid = (await ProjectRepository(session).create("upgrade-owner", "Mixed", document)).id
    activities = PersistenceActivities(sessions)
    loaded = await activities.load_project(pid)
    assert loaded is not None and loaded.state == state

    character_id = next(iter(state.characters))
    patch = {
        "panels": {str(state.panels[1].id): {"dialogue": "Written by older code."}},
        "characters": {str(character_id): {"demeanor": "wary"}},
        "phases": {"panels": {"status": "completed"}},
    }
    assert await activities.persist_state(PersistInput(project_id=pid, expected_version=1, version=2, patch=patch)) == 2
    async with sessions() as session:
        stored = await ProjectRepository(session).get(pid)
    assert stored is not None
    assert stored.state["newer_section"] == {"kept": True}
    assert stored.state["phases"]["newer_phase"] == {"status": "completed"}
    assert stored.state["phases"]["panels"]["status"] == "completed"
    assert stored.state["panels"][1]["newer_panel_field"] == "kept"
    assert stored.state["panels"][1]["dialogue"] == "Written by older code."
    assert stored.state["characters"][str(character_id)]["newer_character_field"] == [1, 2]
    assert stored.state["characters"][str(character_id)]["demeanor"] == "wary"
