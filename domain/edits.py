"""A user's edit of a comic: what a user may change, and applying it to the current state.

Users own the content (title, prompt, story text, each character's profile, each panel's background, characters
and dialogue, the panel order, which characters and panels exist). The pipeline owns everything else: ids of
existing entities, renders (`artifact`, `history`, `render_status`, `render_error`), the story's `status`, `run`,
`error` and `finish_reason`, `phases`, `usage` and the composed `pages` (shaped through each panel's `caption` and
`emphasis` and the project's `layout`, which are the user's). A client may send those back unchanged (so it can
round-trip the document it read) or leave them out; a change to any of them is refused with the field's path. The
one thing about renders a user picks is which version of a character, panel or page is current (`current_key`).

Sections left out of an edit are kept; a section that is sent replaces its list: characters and panels not in it
are removed, items without an existing id are added with an id the server assigns.
"""

from collections.abc import Callable
from typing import Annotated, Any, TypeVar
from uuid import UUID

from pydantic import BaseModel, Field, SerializerFunctionWrapHandler, StringConstraints, model_serializer

from domain import limits
from domain.artifact import Artifact
from domain.cast import Cast
from domain.character import Character, CharacterRole, CharacterType, RenderStatus
from domain.drafts import CharacterProfile
from domain.names import slugify
from domain.page import Emphasis, LayoutPreference, Page, PageSlot, PageStatus
from domain.panel import Panel
from domain.state import ConsolidatedComicState, Phases, PhaseState, Replaced, Usage
from domain.story import StoryStatus
from domain.style import Style
from domain.user_input import UserInput
from domain.versions import Versioned, pick_render, pick_version, version_keys

OWNED = "is set by the pipeline: send it back unchanged or leave it out"
ListItem = Annotated[str, StringConstraints(max_length=limits.LIST_ITEM_MAX)]
CastName = Annotated[str, StringConstraints(min_length=1, max_length=limits.NAME_MAX)]
PROFILE_FIELDS = tuple(CharacterProfile.model_fields)
PANEL_FIELDS = ("background", "characters", "dialogue", "caption", "emphasis")
RENDER_FIELDS = ("render_status", "render_error", "artifact", "history")
PAGE_FIELDS = ("id", "index", "panel_ids", "slots", "status", "error", "artifact", "history", "inputs_digest")
NEW_RENDER: dict[str, Any] = {"render_status": "pending", "render_error": None, "artifact": None, "history": []}


class EditRejected(ValueError):
    """An edit that changes what only the pipeline may change, or that would leave the comic inconsistent."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field


class _Edit(UserInput):
    @model_serializer(mode="wrap")
    def _only_what_was_sent(self, handler: SerializerFunctionWrapHandler):  # type: ignore[no-untyped-def]
        # "Left out" and "sent as null" differ (an echoed null artifact is a change): keep the difference when the
        # edit crosses into the workflow.
        data = handler(self)
        return {key: value for key, value in data.items() if key in self.model_fields_set}


class RenderEcho(_Edit):
    """Render fields an edit may only echo back unchanged."""

    render_status: RenderStatus | None = None
    render_error: str | None = None
    artifact: Artifact | None = None
    history: list[Artifact] | None = None


def _current_key() -> Any:
    return Field(
        default=None,
        max_length=300,
        description=(
            "Make the version stored under this media key current (the key of `artifact` or of a `history` entry): "
            "it becomes `artifact` and the others stay in `history`, oldest first"
        ),
    )


class VersionPick(RenderEcho):
    """Render fields, plus which stored version is current: the one field about renders a user may change."""

    current_key: str | None = _current_key()


class PageEdit(_Edit):
    """A composed page: every field is the pipeline's and may only be echoed; `current_key` picks its version.

    A picked page stays current until what the page is composed from changes (a panel's art or lettering, the
    layout, the title): then it is composed again, and the pick joins its history.
    """

    id: UUID | None = None
    index: int | None = None
    panel_ids: list[UUID] | None = None
    slots: list[PageSlot] | None = None
    status: PageStatus | None = None
    error: str | None = None
    artifact: Artifact | None = None
    history: list[Artifact] | None = None
    inputs_digest: str | None = None
    current_key: str | None = _current_key()


class StoryEdit(_Edit):
    """The story: the prompt and the text are the user's."""

    prompt: str | None = Field(default=None, max_length=limits.PROMPT_MAX)
    text: str | None = Field(default=None, max_length=limits.STORY_TEXT_MAX)
    status: StoryStatus | None = None
    error: str | None = None
    finish_reason: str | None = None
    run: int | None = None


class CharacterEdit(VersionPick):
    """A character's profile; fields left out keep their value (a new character needs at least a name)."""

    id: UUID | None = Field(default=None, description="An existing character's id; leave out to add one")
    name: str | None = Field(default=None, min_length=1, max_length=limits.NAME_MAX)
    brief: str | None = Field(default=None, max_length=limits.BRIEF_MAX)
    character_type: CharacterType | None = None
    era: str | None = Field(default=None, max_length=limits.DESCRIPTION_MAX)
    visual_form: str | None = Field(default=None, max_length=limits.DESCRIPTION_MAX)
    color_palette: list[ListItem] | None = Field(default=None, max_length=limits.PALETTE_MAX_ITEMS)
    distinctive_markers: list[ListItem] | None = Field(default=None, max_length=limits.MARKERS_MAX_ITEMS)
    demeanor: str | None = Field(default=None, max_length=limits.DESCRIPTION_MAX)
    role: CharacterRole | None = None


class PanelEdit(VersionPick):
    """A panel's content; its position in the list is its order (`index` is derived from it and ignored)."""

    id: UUID | None = Field(default=None, description="An existing panel's id; leave out to add one")
    index: int | None = Field(default=None, description="Ignored: the order of `panels` is the order")
    background: str | None = Field(default=None, max_length=limits.BACKGROUND_MAX)
    characters: list[CastName] | None = Field(
        default=None, max_length=limits.PANEL_CHARACTERS_MAX, description="Names of cast members"
    )
    dialogue: str | None = Field(default=None, max_length=limits.DIALOGUE_MAX)
    caption: str | None = Field(default=None, max_length=limits.DIALOGUE_MAX, description="Narration for the panel")
    emphasis: Emphasis | None = Field(default=None, description="normal, wide (a row of its own) or splash (a page)")


class StateEdit(_Edit):
    """The parts of the state an edit changes; a section left out is kept as it is."""

    story: StoryEdit | None = None
    characters: (
        Annotated[dict[str, CharacterEdit], Field(max_length=limits.CHARACTERS_MAX)]
        | Annotated[list[CharacterEdit], Field(max_length=limits.CHARACTERS_MAX)]
        | None
    ) = Field(
        default=None,
        description="The whole cast: keyed by id as read (other keys add characters), or a list",
    )
    panels: list[PanelEdit] | None = Field(
        default=None, max_length=limits.PANELS_MAX, description="All panels, in order"
    )
    layout: LayoutPreference | None = Field(default=None, description="Page layouts: grid or dynamic")
    style: Style | None = Field(default=None, description="Art style preset; only before anything is rendered")
    pages: list[PageEdit] | None = Field(
        default=None,
        max_length=limits.PANELS_MAX,
        description="The pages as read, in order; only `current_key` may change",
    )
    phases: Phases | None = None
    usage: Usage | None = None
    previous: list[Replaced] | None = None
    schema_version: int | None = None

    def echoed_artifacts(self) -> list[tuple[str, Artifact]]:
        """(field path, artifact) of every artifact the edit carries, replaced content's included."""
        items: list[tuple[str, RenderEcho | PageEdit | Character | Panel]] = [
            *self._character_items(),
            *self._panel_items(),
        ]
        for i, replaced in enumerate(self.previous or []):
            items.extend((f"state.previous[{i}].characters.{k}", c) for k, c in (replaced.characters or {}).items())
            items.extend((f"state.previous[{i}].panels[{j}]", p) for j, p in enumerate(replaced.panels or []))
        items.extend((f"state.pages[{i}]", page) for i, page in enumerate(self.pages or []))
        found: list[tuple[str, Artifact]] = []
        for path, item in items:
            if item.artifact is not None:
                found.append((f"{path}.artifact", item.artifact))
            found.extend((f"{path}.history[{i}]", a) for i, a in enumerate(item.history or []))
        return found

    def _character_items(self) -> list[tuple[str, CharacterEdit]]:
        if isinstance(self.characters, dict):
            return [(f"state.characters.{key}", item) for key, item in self.characters.items()]
        return [(f"state.characters[{i}]", item) for i, item in enumerate(self.characters or [])]

    def _panel_items(self) -> list[tuple[str, PanelEdit]]:
        return [(f"state.panels[{i}]", item) for i, item in enumerate(self.panels or [])]


def _same(sent: Any, current: Any) -> bool:
    """Equality of echoed values, ignoring the URLs of artifacts (derived per response, never stored)."""
    if isinstance(sent, Artifact) and isinstance(current, Artifact):
        return sent.model_dump(exclude={"url"}) == current.model_dump(exclude={"url"})
    if isinstance(sent, Usage) and isinstance(current, Usage):
        # Only what was sent: a client that read the totals before usage was kept per model echoes just those.
        return all(getattr(sent, name) == getattr(current, name) for name in sent.model_fields_set)
    if isinstance(sent, list) and isinstance(current, list):
        return len(sent) == len(current) and all(_same(a, b) for a, b in zip(sent, current, strict=True))
    return bool(sent == current)


def _check_echo(path: str, sent: BaseModel, current: BaseModel | dict[str, Any], names: tuple[str, ...]) -> None:
    for name in names:
        if name not in sent.model_fields_set:
            continue
        expected = current[name] if isinstance(current, dict) else getattr(current, name)
        if not _same(getattr(sent, name), expected):
            new = isinstance(current, dict)
            raise EditRejected(f"{path}.{name}", "a new entity has no render yet" if new else OWNED)


def _changes(sent: BaseModel, names: tuple[str, ...]) -> dict[str, Any]:
    return {
        name: getattr(sent, name) for name in names if name in sent.model_fields_set and getattr(sent, name) is not None
    }


E = TypeVar("E", Character, Panel)
V = TypeVar("V", bound=Versioned)


def _pick(path: str, key: str | None, entity: V, kind: str, pick: Callable[[V, str], bool]) -> None:
    """Make the version the edit names current (the entity is the edit's own copy)."""
    if key is not None and not pick(entity, key):
        keys = ", ".join(version_keys(entity)) or "none: it has no render yet"
        raise EditRejected(f"{path}.current_key", f"not one of this {kind}'s versions (its versions: {keys})")


def _match(
    path: str, key: str | None, item: CharacterEdit | PanelEdit, current: dict[UUID, E], seen: set[UUID], kind: str
) -> E | None:
    """The existing entity an item edits, or None for a new one."""
    entity_id = item.id
    if key is not None:
        try:
            key_id: UUID | None = UUID(key)
        except ValueError:
            key_id = None
        if entity_id is not None and key_id != entity_id:
            raise EditRejected(f"{path}.id", "does not match the key it is listed under")
        entity_id = key_id
    if entity_id is None:
        return None
    if entity_id not in current:
        raise EditRejected(
            f"{path}.id", f"no {kind} has this id; ids are assigned by the server (leave `id` out to add a {kind})"
        )
    if entity_id in seen:
        raise EditRejected(f"{path}.id", f"the same {kind} is listed twice")
    seen.add(entity_id)
    return current[entity_id]


def _edit_story(state: ConsolidatedComicState, edit: StoryEdit) -> None:
    story = state.story
    _check_echo("state.story", edit, story, ("status", "error", "finish_reason", "run"))
    changes = _changes(edit, ("prompt", "text"))
    text_written = "text" in changes and changes["text"] != story.text and changes["text"].strip()
    state.story = story.model_copy(update=changes)
    if text_written and story.status in ("idle", "error"):
        # A story written by hand is a finished story: the next phases may start from it.
        state.story.status, state.story.error, state.story.finish_reason = "completed", None, "user"
        state.phases.story = PhaseState(status="completed")


def _edit_characters(state: ConsolidatedComicState, edit: StateEdit, new_id: Callable[[], UUID]) -> None:
    keyed = isinstance(edit.characters, dict)
    keys = list(edit.characters) if isinstance(edit.characters, dict) else [None] * len(edit.characters or [])
    result: dict[UUID, Character] = {}
    seen: set[UUID] = set()
    names: dict[str, str] = {}
    for (path, item), key in zip(edit._character_items(), keys, strict=True):
        existing = _match(path, key if keyed else None, item, state.characters, seen, "character")
        _check_echo(path, item, existing if existing is not None else NEW_RENDER, RENDER_FIELDS)
        changes = _changes(item, PROFILE_FIELDS)
        if existing is not None:
            character = existing.model_copy(update=changes)
        elif "name" not in changes:
            raise EditRejected(f"{path}.name", "a new character needs a name")
        else:
            character = Character(id=new_id(), **changes)
        _pick(path, item.current_key, character, "character", pick_render)
        slug = slugify(character.name)
        if slug in names:
            raise EditRejected(f"{path}.name", f"another character is already named {names[slug]!r}")
        names[slug] = character.name
        result[character.id] = character
    written = result and result != state.characters
    state.characters = result
    if written and state.phases.characters.status in ("idle", "error"):
        state.phases.characters = PhaseState(status="completed")  # a cast written by hand is a cast


def _edit_panels(state: ConsolidatedComicState, edit: StateEdit, new_id: Callable[[], UUID]) -> None:
    current = {p.id: p for p in state.panels}
    seen: set[UUID] = set()
    panels: list[Panel] = []
    for index, (path, item) in enumerate(edit._panel_items()):
        existing = _match(path, None, item, current, seen, "panel")
        _check_echo(path, item, existing if existing is not None else NEW_RENDER, RENDER_FIELDS)
        changes = {**_changes(item, PANEL_FIELDS), "index": index}
        panel = existing.model_copy(update=changes) if existing is not None else Panel(id=new_id(), **changes)
        _pick(path, item.current_key, panel, "panel", pick_render)
        panels.append(panel)
    written = panels and panels != state.panels
    state.panels = panels
    if written and state.phases.panels.status in ("idle", "error"):
        state.phases.panels = PhaseState(status="completed")  # panels written by hand can be rendered


def _edit_pages(state: ConsolidatedComicState, edit: list[PageEdit]) -> None:
    """Echoes checked page by page (in order, all of them), then the picks applied."""
    if len(edit) != len(state.pages):
        raise EditRejected("state.pages", f"{OWNED} (all {len(state.pages)} pages, in order)")
    pages: list[Page] = []
    for i, (item, current) in enumerate(zip(edit, state.pages, strict=True)):
        path = f"state.pages[{i}]"
        _check_echo(path, item, current, PAGE_FIELDS)
        page = current.model_copy(deep=True)
        _pick(path, item.current_key, page, "page", pick_version)
        if page.artifact != current.artifact and state.phases.pages.status == "running":
            # The composition in flight would put its own result over the pick.
            raise EditRejected(f"{path}.current_key", "pages are being composed: pick a version once they are done")
        pages.append(page)
    state.pages = pages


def _check_panel_cast(state: ConsolidatedComicState) -> None:
    """Every panel names cast members only (normalised to the cast's spelling)."""
    cast = Cast(state.characters.values())
    for i, panel in enumerate(state.panels):
        kept, dropped = cast.constrain(panel.characters)
        if dropped:
            known = ", ".join(cast.names()) or "none"
            raise EditRejected(
                f"state.panels[{i}].characters", f"{', '.join(map(repr, dropped))} not in the cast (cast: {known})"
            )
        panel.characters = kept


def _check_restyle(state: ConsolidatedComicState, style: Style) -> None:
    """A style applies to the whole comic: it may change only while nothing is rendered or rendering."""
    entities: list[Character | Panel] = [*state.characters.values(), *state.panels]
    drawn = [e for e in entities if e.artifact is not None or e.history or e.render_status == "rendering"]
    if drawn:
        raise EditRejected(
            "state.style",
            f"cannot change from {state.style!r} to {style!r}: {len(drawn)} sheets and panels are already rendered "
            f"(or rendering) in {state.style!r}, and a comic has one style; change it before rendering, or start "
            "a new project in the new style",
        )


def apply_edit(current: ConsolidatedComicState, edit: StateEdit, new_id: Callable[[], UUID]) -> ConsolidatedComicState:
    """The state after `edit`; raises EditRejected naming the first field it may not change.

    `new_id` gives the ids of added characters and panels (the workflow's deterministic uuid4).
    """
    state = current.model_copy(deep=True)
    _check_echo("state", edit, current, ("phases", "usage", "previous", "schema_version"))
    if edit.layout is not None:
        state.layout = edit.layout
    if edit.style is not None and edit.style != current.style:
        _check_restyle(current, edit.style)
        state.style = edit.style
    if edit.story is not None:
        _edit_story(state, edit.story)
    if edit.characters is not None:
        _edit_characters(state, edit, new_id)
    if edit.panels is not None:
        _edit_panels(state, edit, new_id)
    if edit.pages is not None:
        _edit_pages(state, edit.pages)
    _check_panel_cast(state)
    # Re-validated: the cast's order and the panels' consistency rules hold after every edit.
    return ConsolidatedComicState.model_validate(state.model_dump())
