"""The status endpoint's per-page list: each page's progress from the plan and the stored pages, planned once a
version (an unchanged poll plans nothing)."""

import uuid

import pytest

from api import page_status
from api.page_status import page_progress
from comics.pages import plan_pages
from core.media_urls import MediaSigner
from domain.state import ConsolidatedComicState, PhaseState
from tests.test_versions import paged

SIGNER = MediaSigner(b"k" * 32, "http://test", 3600)


def progress(state: ConsolidatedComicState, version: int = 1) -> list[tuple[str, str | None]]:
    return [(p.status, p.error) for p in page_progress(uuid.uuid4(), version, "Lighthouse", state, SIGNER)]


def test_a_page_composed_from_the_panels_as_they_are_is_completed_with_its_image() -> None:
    state, images = paged()
    (page,) = page_progress(uuid.uuid4(), 1, "Lighthouse", state, SIGNER)
    assert (page.id, page.number, page.status, page.error) == (state.pages[0].id, 1, "completed", None)
    assert page.panel_ids == [p.id for p in state.panels]
    assert page.url is not None and SIGNER.key_of(page.url) == images[2].key


def test_an_outdated_page_is_composing_pending_or_failed_as_the_phase_is() -> None:
    state, _ = paged()
    state.panels[0].dialogue = "Mira Vale: Let go!"  # the page's lettering changed: its image is outdated
    assert progress(state) == [("pending", None)]
    state.phases.pages = PhaseState(status="running", done=0, total=1)
    assert progress(state) == [("composing", None)]
    state.phases.pages = PhaseState(status="error", error="page composition failed: disk full", done=0, total=1)
    assert progress(state) == [("error", "page composition failed: disk full")]


def test_a_page_composed_by_a_run_still_on_the_first_planner_is_completed() -> None:
    state, _ = paged()
    (first,) = plan_pages(state.panels, "Lighthouse", planner=1)
    state.pages[0].inputs_digest = first.digest  # what a workflow recorded before pages-planner-2 composes
    assert first.digest != plan_pages(state.panels, "Lighthouse")[0].digest
    assert progress(state) == [("completed", None)]
    state.panels[0].dialogue = "Mira Vale: Let go!"
    assert progress(state, version=2) == [("pending", None)], "stale under either planner: waiting"


def test_pages_never_composed_are_listed_pending_without_an_id() -> None:
    state, _ = paged()
    state.pages = []
    (page,) = page_progress(uuid.uuid4(), 1, "Lighthouse", state, SIGNER)
    assert (page.id, page.status, page.url) == (None, "pending", None)
    assert progress(ConsolidatedComicState()) == [], "no panels, no pages"


def test_each_version_is_planned_once(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []

    def counting(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(1)
        return plan_pages(*args, **kwargs)

    monkeypatch.setattr(page_status, "plan_pages", counting)
    state, _ = paged()
    project = uuid.uuid4()
    for _ in range(3):
        page_progress(project, 7, "Lighthouse", state, SIGNER)
    assert len(calls) == 1
    page_progress(project, 8, "Lighthouse", state, SIGNER)
    assert len(calls) == 2, "a new version is planned again"


def test_a_stored_page_the_panels_no_longer_fill_is_not_listed() -> None:
    state, _ = paged()
    state.pages.append(state.pages[0].model_copy(update={"id": uuid.uuid4(), "index": 1}))
    assert progress(state) == [("completed", None)]
