"""The ComicWorkflow's state transitions and request checks, run directly (no Temporal, no database)."""

import ast
import itertools
import uuid
from datetime import UTC, datetime
from pathlib import Path

import pytest

from comics.pages import PLANNER, page_of
from contracts.activities import Change, CharactersOutput, PanelsOutput, StoryOutput
from contracts.errors import REJECT_CONFLICT, REJECT_INVALID, REJECT_NOT_FOUND, REJECT_STALE
from contracts.workflows import EditRequest
from domain.artifact import Artifact
from domain.cast import Cast
from domain.drafts import CharacterProfile, PanelDraft, TokenUsage
from domain.edits import StateEdit
from domain.state import ConsolidatedComicState, PhaseState
from tests.test_state_models import sample_state
from workflows import guards, progress
from workflows.guards import Refused

NOW = datetime(2026, 12, 1, tzinfo=UTC)
PROJECT = uuid.UUID(int=7)


def new_ids() -> progress.NewId:
    counter = itertools.count(1)
    return lambda: uuid.UUID(int=next(counter))


def art(key: str, model: str = "offline-renderer") -> Artifact:
    return Artifact(key=f"{PROJECT}/{key}", model=model, created_at=NOW)


def usage(prompt: int = 3, completion: int = 5) -> TokenUsage:
    return TokenUsage(prompt_tokens=prompt, completion_tokens=completion)


# ---- phases -----------------------------------------------------------------------------------------------------


def test_marking_a_phase_keeps_its_counts_and_says_what_changed() -> None:
    state = ConsolidatedComicState()
    state.phases.panel_renders = PhaseState(status="completed", done=2, total=2)
    assert progress.begin(state, "panel_renders", "pages") == [
        Change(kind="phase", id="panel_renders", status="running"),
        Change(kind="phase", id="pages", status="running"),
    ]
    assert state.phases.panel_renders == PhaseState(status="running", done=2, total=2)
    assert progress.fail(state, "pages", "boom") == [Change(kind="phase", id="pages", status="error")]
    assert state.phases.pages.error == "boom"
    progress.set_phase(state, "pages", "completed")
    assert state.phases.pages.error is None


def test_a_render_phase_is_derived_from_its_entities_and_the_queue() -> None:
    state = sample_state()  # the hero's sheet is rendered; the panels are pending
    hero = next(iter(state.characters))
    progress.refresh_render_phase(state, "character_renders", set())
    assert state.phases.character_renders == PhaseState(status="completed", done=1, total=1)
    progress.refresh_render_phase(state, "character_renders", {hero})
    assert state.phases.character_renders.status == "running"
    progress.refresh_render_phase(state, "panel_renders", set())
    assert state.phases.panel_renders == PhaseState(status="idle", done=0, total=2)
    first, second = state.panels
    first.render_status, first.render_error = "error", "provider down"
    second.render_status = "error"
    progress.refresh_render_phases(state, set())
    assert state.phases.panel_renders == PhaseState(
        status="error", error="2 of 2 failed; first: provider down", done=0, total=2
    )
    empty = ConsolidatedComicState()
    progress.refresh_render_phase(empty, "panel_renders", set())
    assert empty.phases.panel_renders.status == "idle"


def test_interrupted_marks_turn_into_errors_once() -> None:
    state = sample_state()
    state.phases.panels.status = "running"
    state.story.status = "streaming"
    state.panels[0].render_status = "rendering"
    assert progress.recover_interrupted(state) == [Change(kind="project")]
    assert state.phases.panels == PhaseState(
        status="error", error=f"panel generation {progress.INTERRUPTED}", done=0, total=0
    )
    assert state.story.status == "error" and state.story.error == f"story {progress.INTERRUPTED}"
    assert state.panels[0].render_status == "error" and state.panels[0].render_error == f"render {progress.INTERRUPTED}"
    assert progress.recover_interrupted(state) == []


# ---- what the phases produce ------------------------------------------------------------------------------------


def test_a_story_run_streams_then_completes_or_fails_and_the_old_story_is_kept() -> None:
    state = sample_state()
    changes = progress.start_story(state, "a new prompt", new_ids(), NOW)
    assert changes == [Change(kind="story", status="streaming"), Change(kind="phase", id="story", status="running")]
    assert state.story.prompt == "a new prompt" and state.story.run == 1 and state.story.text == ""
    assert [(p.kind, p.id) for p in state.previous] == [("story", uuid.UUID(int=1))]
    progress.finish_story(state, StoryOutput(text="Told.", finish_reason="stop", usage=usage(), model="m"))
    assert (state.story.text, state.story.status, state.phases.story.status) == ("Told.", "completed", "completed")
    assert state.usage.llm["m"].calls == 1 and state.usage.prompt_tokens == 3
    progress.fail_story(state, "no luck")
    assert state.story.error == "no luck" and state.phases.story.error == "no luck"


def test_an_extracted_cast_keeps_each_character_once_and_draws_ids_in_order() -> None:
    state = sample_state()
    result = CharactersOutput(
        characters=[CharacterProfile(name="Grendlow"), CharacterProfile(name="grendlow"), CharacterProfile(name="Ed")],
        usage=usage(),
    )
    changes = progress.adopt_characters(state, result, new_ids(), NOW, set())
    assert [(c.id.int, c.name) for c in state.characters.values()] == [(1, "Grendlow"), (2, "Ed")]
    assert state.previous[-1].id == uuid.UUID(int=3) and state.previous[-1].kind == "characters"
    # Panels now name only the new cast.
    assert state.panels[0].characters == []
    assert state.phases.characters.status == "completed"
    assert state.phases.character_renders == PhaseState(status="idle", done=0, total=2)
    assert [c.id for c in changes] == ["characters", "character_renders"]


def test_generated_panels_name_only_the_cast_they_were_made_for() -> None:
    state = sample_state()
    warnings: list[str] = []
    result = PanelsOutput(
        panels=[PanelDraft(background="cliff", characters=["Mira Vale", "Nobody"]), PanelDraft(background="sea")],
        usage=usage(),
    )
    progress.adopt_panels(state, result, Cast(state.characters.values()), new_ids(), NOW, set(), warnings.append)
    assert [(p.id.int, p.index, p.characters) for p in state.panels] == [(1, 0, ["Mira Vale"]), (2, 1, [])]
    assert state.previous[-1].id == uuid.UUID(int=3)
    assert warnings == ["panel 0: dropped names not in the cast: Nobody"]
    assert state.phases.panels.status == "completed" and state.phases.panel_renders.total == 2


def test_restoring_puts_back_what_a_phase_replaced() -> None:
    state = sample_state()
    old_panels = list(state.panels)
    result = PanelsOutput(panels=[PanelDraft(background="sea")], usage=usage())
    progress.adopt_panels(state, result, Cast([]), new_ids(), NOW, set(), lambda _: None)
    kind, changes = progress.restore_previous(state, state.previous[-1].id, new_ids(), NOW, set())
    assert kind == "panels" and state.panels == old_panels
    assert changes == [Change(kind="project"), Change(kind="phase", id="panels", status="completed")]
    assert state.phases.panel_renders.total == 2


def test_a_users_edit_applies_and_its_render_phases_follow() -> None:
    state = sample_state()
    hero = next(iter(state.characters))
    edited = progress.apply_user_edit(
        state, StateEdit.model_validate({"characters": {str(hero): {}, "x": {"name": "Grendlow"}}}), new_ids(), {hero}
    )
    assert state.phases.character_renders.total == 0  # the original is left as it was
    assert edited.phases.character_renders == PhaseState(status="running", done=1, total=2)


# ---- renders ----------------------------------------------------------------------------------------------------


def test_a_render_lands_on_the_entity_as_it_is_now() -> None:
    state = sample_state()
    hero = next(iter(state.characters))
    queued = {hero}
    old = state.characters[hero].artifact
    assert progress.start_render("character_renders", state.characters[hero]) == Change(
        kind="character", id=str(hero), status="rendering"
    )
    changes = progress.finish_render(state, "character_renders", hero, art("p/new.png", "m2"), None, queued)
    assert queued == set()
    assert state.characters[hero].artifact == art("p/new.png", "m2") and state.characters[hero].history == [old]
    assert state.usage.images == {"m2": 1}
    assert changes == [
        Change(kind="character", id=str(hero), status="completed"),
        Change(kind="phase", id="character_renders", status="completed"),
    ]
    panel = state.panels[0]
    changes = progress.finish_render(state, "panel_renders", panel.id, None, "refused", {panel.id})
    assert (panel.render_status, panel.render_error) == ("error", "refused")
    assert state.phases.panel_renders.status == "error"


def test_a_render_of_something_removed_meanwhile_is_still_counted() -> None:
    state = sample_state()
    gone = uuid.uuid4()
    changes = progress.finish_render(state, "panel_renders", gone, art("p/x.png"), None, {gone})
    assert changes == [Change(kind="phase", id="panel_renders", status="idle")]
    assert state.usage.images == {"offline-renderer": 1}
    assert progress.rendered(state, "panel_renders", gone) is None


def test_which_panels_show_a_character_and_which_are_busy() -> None:
    state = sample_state()
    hero = next(iter(state.characters))
    first, second = state.panels
    assert progress.panels_showing(state, hero) == [first.id]
    assert [c.id for c in progress.panel_cast(state, first.id, Cast(state.characters.values()))] == [hero]
    assert progress.unrendered_panels(state) == [1, 2]
    assert not progress.panels_busy(state, {hero})
    assert progress.panels_busy(state, {second.id})
    state.phases.panels.status = "running"
    assert progress.panels_busy(state, set())


# ---- pages ------------------------------------------------------------------------------------------------------


def rendered_state() -> ConsolidatedComicState:
    state = sample_state()
    for panel in state.panels:
        panel.artifact, panel.render_status = art(f"p/panel-{panel.index}.png"), "completed"
    return state


def test_a_composition_composes_only_stale_pages_and_keeps_the_earlier_images() -> None:
    state = rendered_state()
    plans = progress.plan(state, "Title", PLANNER)
    assert not progress.pages_current(state, plans)
    first = progress.Composition.of(state, plans, new_ids())
    assert first.todo == plans and first.ids == [uuid.UUID(int=1 + n) for n in range(len(plans))]
    composed = [page_of(plan, first.ids[plan.index], art(f"p/page-{plan.index}.png")) for plan in first.todo]
    state.pages = first.pages(composed)
    assert progress.pages_current(state, plans)

    # A new title changes page one only: that page is composed again (same id, old image in its history).
    plans = progress.plan(state, "Another title", PLANNER)
    again = progress.Composition.of(state, plans, new_ids())
    assert [p.index for p in again.todo] == [0] and again.ids == [p.id for p in state.pages]
    assert [job.page_id for job in again.jobs()] == [state.pages[0].id]
    recomposed = page_of(again.todo[0], again.ids[0], art("p/page-0-b.png"))
    pages = again.pages([recomposed])
    assert pages[0].artifact == art("p/page-0-b.png") and pages[0].history == [art("p/page-0.png")]
    assert pages[1:] == state.pages[1:]


def test_a_page_history_is_oldest_first_and_holds_each_image_once() -> None:
    """Coming back to an earlier image (an edit undone: same inputs, same key) makes it current, not a duplicate."""
    state = rendered_state()
    plans = progress.plan(state, "Title", PLANNER)
    first = progress.Composition.of(state, plans, new_ids())
    v1 = art("p/page-0.png").model_copy(update={"created_at": NOW})
    v2 = art("p/page-0-b.png").model_copy(update={"created_at": NOW.replace(hour=1)})
    state.pages = first.pages([page_of(plan, first.ids[plan.index], v1) for plan in first.todo])
    # Composed again (v2), then the user picked v1 back: current v1, history [v2].
    state.pages[0] = state.pages[0].model_copy(update={"artifact": v1, "history": [v2]})
    plans = progress.plan(state, "Another title", PLANNER)
    again = progress.Composition.of(state, plans, new_ids())
    v3 = art("p/page-0-c.png").model_copy(update={"created_at": NOW.replace(hour=2)})
    assert again.pages([page_of(again.todo[0], again.ids[0], v3)])[0].history == [v1, v2], "oldest first"
    back = again.pages([page_of(again.todo[0], again.ids[0], v2)])[0]
    assert back.artifact == v2 and back.history == [v1], "the image made again is current, and only there"


def test_the_pages_phase_is_derived_and_changes_only_when_it_changed() -> None:
    state = rendered_state()
    plans = progress.plan(state, "Title", PLANNER)
    assert progress.refresh_pages_phase(state, plans, composing=False, error=None) == [
        Change(kind="phase", id="pages", status="idle")
    ]
    assert progress.refresh_pages_phase(state, plans, composing=False, error=None) == []
    progress.refresh_pages_phase(state, plans, composing=True, error=None)
    assert state.phases.pages.status == "running"
    progress.refresh_pages_phase(state, plans, composing=False, error="composer broke")
    assert state.phases.pages == PhaseState(status="error", error="composer broke", done=0, total=len(plans))
    ids = new_ids()
    state.pages = [page_of(plan, ids(), art(f"p/page-{plan.index}.png")) for plan in plans]
    progress.refresh_pages_phase(state, plans, composing=False, error=None)
    assert state.phases.pages == PhaseState(status="completed", done=len(plans), total=len(plans))


# ---- request checks ---------------------------------------------------------------------------------------------


def kind_of(error: pytest.ExceptionInfo[Refused]) -> str:
    return error.value.kind


def test_a_running_phase_or_automatic_run_refuses_what_needs_it_free() -> None:
    state = sample_state()
    guards.ensure_free(state, False, "story", "panels")
    with pytest.raises(Refused, match="automatic run is in progress") as error:
        guards.ensure_free(state, True)
    assert kind_of(error) == REJECT_CONFLICT
    state.phases.panels.status = "running"
    with pytest.raises(Refused, match="The panel generation phase is already running"):
        guards.ensure_free(state, False, "story", "panels")
    with pytest.raises(Refused, match="already running"):
        guards.ensure_quiet(state, False, set())
    state.phases.panels.status = "completed"
    with pytest.raises(Refused, match="Renders are still running"):
        guards.ensure_quiet(state, False, {uuid.uuid4()})


def test_each_phase_needs_what_the_one_before_made() -> None:
    empty = ConsolidatedComicState()
    with pytest.raises(Refused, match="generate the story first"):
        guards.require_characters(empty)
    with pytest.raises(Refused, match="generate panels first"):
        guards.require_panels(empty)
    state = sample_state()
    guards.require_story(state)
    with pytest.raises(Refused, match="extract characters first"):
        guards.require_characters(state)
    state.phases.characters.status = "completed"
    guards.require_characters(state)


def test_replacing_needs_consent_and_a_prompt_is_needed() -> None:
    state = sample_state()
    with pytest.raises(Refused, match=r'This would replace .*send \{"replace": true\}'):
        guards.require_consent(state, False, "story", "panels")
    guards.require_consent(state, True, "story", "panels")
    guards.require_consent(ConsolidatedComicState(), False, "story")
    assert guards.prompt_of(state, None) == "a lighthouse"
    assert guards.prompt_of(state, "given") == "given"
    with pytest.raises(Refused, match="No prompt") as error:
        guards.prompt_of(state, "  ")
    assert kind_of(error) == REJECT_INVALID


def test_a_render_request_names_something_there_and_not_rendering() -> None:
    state = sample_state()
    hero = next(iter(state.characters))
    panel = state.panels[0].id
    guards.require_character(state, hero, set())
    guards.require_panel(state, panel, set())
    with pytest.raises(Refused, match="not found") as error:
        guards.require_character(state, uuid.uuid4(), set())
    assert kind_of(error) == REJECT_NOT_FOUND
    with pytest.raises(Refused, match="not found") as error:
        guards.require_panel(state, uuid.uuid4(), set())
    assert kind_of(error) == REJECT_NOT_FOUND
    with pytest.raises(Refused, match="That character is already being rendered"):
        guards.require_character(state, hero, {hero})
    with pytest.raises(Refused, match="That panel is already being rendered"):
        guards.require_panel(state, panel, {panel})


def test_pages_and_exports_need_every_panel_rendered_and_none_rendering() -> None:
    state = sample_state()
    state.phases.panels.status = "completed"
    assert guards.unrendered_reason(state) == "Panels 1, 2 have no render yet: render them first (render-all-panels)"
    with pytest.raises(Refused, match="Panels 1 are still rendering: export when they are done"):
        guards.require_rendered_panels(state, {state.panels[0].id}, "export")
    with pytest.raises(Refused, match="no render yet"):
        guards.require_rendered_panels(state, set(), "export")
    state = rendered_state()
    state.phases.panels.status = "completed"
    guards.require_rendered_panels(state, set(), "export")
    assert guards.unrendered_reason(state) is None
    assert guards.numbers(list(range(1, 13))) == "1, 2, 3, 4, 5, 6, 7, 8, 9, 10 and 2 more"


def test_an_edit_is_checked_against_the_version_the_phases_and_the_state() -> None:
    state = sample_state()
    guards.check_edit(state, 4, False, EditRequest(version=4, title="t"))
    with pytest.raises(Refused, match=r"Project changed since version 3 \(now 4\)") as error:
        guards.check_edit(state, 4, False, EditRequest(version=3, title="t"))
    assert kind_of(error) == REJECT_STALE
    title_only = EditRequest(version=4, title="t")
    guards.check_edit(state, 4, True, title_only)  # a title edit is taken even during an automatic run
    edit = EditRequest(version=4, state=StateEdit.model_validate({"story": {"text": "Rewritten."}}))
    with pytest.raises(Refused, match="automatic run is in progress"):
        guards.check_edit(state, 4, True, edit)
    state.phases.characters.status = "running"
    with pytest.raises(Refused, match="The character extraction phase is running"):
        guards.check_edit(state, 4, False, edit)
    state.phases.characters.status = "completed"
    guards.check_edit(state, 4, False, edit)
    hero = next(iter(state.characters))
    bad = EditRequest(
        version=4, state=StateEdit.model_validate({"characters": {str(hero): {"render_status": "error"}}})
    )
    with pytest.raises(Refused, match="Invalid edit") as error:
        guards.check_edit(state, 4, False, bad)
    assert kind_of(error) == REJECT_INVALID


def test_the_transitions_and_checks_do_not_import_temporal() -> None:
    """They are plain code: the workflow calls them, maps `Refused` and draws their ids and times."""
    for module in (progress, guards):
        tree = ast.parse(Path(module.__file__ or "").read_text(encoding="utf-8"))
        imported = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
        imported |= {node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
        assert not {name for name in imported if name.split(".")[0] == "temporalio"}, module.__name__
