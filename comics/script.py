"""A panel's dialogue text read as lettering: who speaks, thinks or narrates, and where the speaker stands.

One line per balloon: `Mira: Hold the light!` is speech pointing at Mira, `Mira (thinks): ...` a thought,
`Narrator: ...` or `Caption: ...` a caption, `SFX: KRAKOOM` a sound effect, and a line credited to nobody in
the panel a caption (the storytellers write narration that way). The panel's own `caption` is a caption box too.
Where each speaker stands comes from the renderer (the artifact's `metadata["figures"]`), never from a guess; so do
the faces lettering keeps off.

`planner` 1 is how pages were planned before faces were kept clear: figures with keys beyond name and box (the
offline renderer's pose and expression) were skipped, so their balloons got no tail. Runs recorded then replay
with it (comics.pages); everything else plans with the latest.
"""

import re
from collections.abc import Mapping, Sequence
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from comics.lettering import Balloon, BalloonKind, PanelLettering
from domain.names import slugify
from domain.panel import Panel

_CREDIT = re.compile(r"^\s*(?P<name>[^:\n]{1,60}?)\s*(?:\((?P<how>[^)]{1,20})\))?\s*:\s*(?P<words>\S.*)$")
_NARRATION = {"narrator", "narration", "caption"}
_SOUND = {"sfx", "sound", "fx"}
_THINKING = {"thinks", "thinking", "thought"}
MAX_BALLOONS = 12
# Where heads may begin when the renderer did not say: panel prompts ask image models to keep the top quarter of
# the frame clear for lettering (and the offline renderer's figures stand up to 0.64 tall on a floor at 0.9).
CLEAR_TOP = 0.25
# A figure wider than this share of the panel is a creature drawn across it: its head is not at its box's top middle.
WIDE = 0.6
# Share of a figure's box its head takes down from the top: a full figure, and one framed from the chest up (its box
# reaches the panel's bottom edge: a close-up, the listener of an over-the-shoulder shot); across, of its width.
HEAD_TALL, HEAD_TALL_FRAMED, HEAD_ACROSS = 0.28, 0.55, 0.72
HAIR = 0.1  # of the head's height, from its top
Rect = tuple[float, float, float, float]


class Figure(BaseModel):
    """Where the renderer drew one character: a box in fractions of the image, the head at its top middle unless
    `head` says where the face is (as for a creature drawn side-on across the panel)."""

    model_config = ConfigDict(extra="ignore", frozen=True)  # renderers say more (pose, expression): not ours to read

    name: str
    box: Rect
    head: tuple[float, float] | None = Field(default=None, description="Centre of the face, fractions of the image")

    @property
    def centre_x(self) -> float:
        return (self.box[0] + self.box[2]) / 2

    @property
    def wide(self) -> bool:
        return self.box[2] - self.box[0] > WIDE


def figures_of(metadata: Mapping[str, Any] | None, planner: int = 2) -> list[Figure]:
    """The figures a renderer recorded in an artifact's metadata (`figures`), skipping any malformed entry."""
    found: list[Figure] = []
    raw = (metadata or {}).get("figures")
    for entry in raw if isinstance(raw, list) else []:
        if planner < 2 and isinstance(entry, dict) and set(entry) - {"name", "box"}:
            continue
        try:
            figure = Figure.model_validate(entry)
        except ValidationError:
            continue
        x0, y0, x1, y1 = figure.box
        head = figure.head
        if 0 <= x0 < x1 <= 1 and 0 <= y0 < y1 <= 1 and (head is None or (0 <= head[0] <= 1 and 0 <= head[1] <= 1)):
            found.append(figure)
    return found


def face_of(figure: Figure, aspect: float = 4 / 3) -> Rect | None:
    """Where the figure's face is (fractions of an image `aspect` times wider than tall), for lettering to keep off;
    None for a creature across the panel whose renderer did not say where its head is."""
    x0, y0, x1, y1 = figure.box
    if figure.head is not None:
        across = min(HEAD_ACROSS * (x1 - x0), 0.16) / 2
        down = across * 1.15 * aspect  # a face a little taller than wide, in fractions of the height
        hx, hy = figure.head
        return (max(0.0, hx - across), max(0.0, hy - down), min(1.0, hx + across), min(1.0, hy + down))
    if figure.wide:
        return None
    across = HEAD_ACROSS * (x1 - x0) / 2
    tall = (HEAD_TALL_FRAMED if y1 >= 0.97 else HEAD_TALL) * (y1 - y0)
    # Below the top of the hair: a balloon may touch that, as letterers do, but not the eyes.
    return (figure.centre_x - across, y0 + HAIR * tall, figure.centre_x + across, y0 + tall)


def aim_at(figure: Figure, others: Sequence[Figure], aspect: float = 4 / 3) -> tuple[float, float]:
    """Where a tail to the figure points: the top of its face; for a creature across the panel with no head point,
    its upper body where it is farthest from the others (the middle is where a lone person stands)."""
    x0, y0, x1, y1 = figure.box
    if figure.head is not None or not figure.wide:
        face = face_of(figure, aspect)
        assert face is not None
        return ((face[0] + face[2]) / 2, y0 if figure.head is None else face[1])
    xs = [x0 + (x1 - x0) * (0.1 + 0.8 * k / 8) for k in range(9)]
    centres = [o.centre_x for o in others if o is not figure]
    # Right on ties (to 1% of the width): a side-on creature of the offline renderer faces right, its head there.
    x = max(xs, key=lambda x: (round(min((abs(x - c) for c in centres), default=0.0), 2), x))
    return (x, y0 + 0.3 * (y1 - y0))


def _match(name: str, cast: list[str]) -> str | None:
    wanted = slugify(name)
    for member in cast:
        slug = slugify(member)
        if wanted and (wanted == slug or wanted in slug.split("-")):
            return member
    return None


def balloon_for_line(
    line: str, cast: list[str], figures: Sequence[Figure] = (), planner: int = 2, aspect: float = 4 / 3
) -> Balloon | None:
    """The balloon one line of dialogue makes, given the panel's characters; None for a blank line.

    With the figures the renderer drew, a speaker's balloon gets a tail aimed at their figure and keeps above
    their head; without (or for a speaker not drawn), it is placed in reading order with no tail, kept in the top
    quarter the prompt asked to leave clear as far as it fits.
    """
    text = line.strip()
    if not text:
        return None
    credit = _CREDIT.match(text)
    if credit is None:
        return Balloon(kind="caption", text=text)
    name, how, words = credit["name"], (credit["how"] or "").strip().lower(), credit["words"].strip()
    if slugify(name) in _NARRATION:
        return Balloon(kind="caption", text=words)
    if slugify(name) in _SOUND:
        return Balloon(kind="sfx", text=words)
    member = _match(name, cast) or _match(name, [f.name for f in figures])
    if member is None:
        return Balloon(kind="caption", text=text)
    kind: BalloonKind = "thought" if how in _THINKING else "speech"
    figure = next((f for f in figures if slugify(f.name) == slugify(member)), None)
    if figure is None:
        return Balloon(kind=kind, text=words, speaker_y=CLEAR_TOP)
    x, y = aim_at(figure, figures, aspect) if planner >= 2 else (figure.centre_x, figure.box[1])
    return Balloon(kind=kind, text=words, speaker_x=x, speaker_y=y)


def lettering_for_panel(
    panel: Panel, metadata: Mapping[str, Any] | None = None, display_width: int | None = None, planner: int = 2
) -> PanelLettering:
    """The panel's caption and dialogue as lettering (caption first, then one balloon per line).

    `metadata` is what the renderer recorded about the art (default: the panel's current artifact's): its
    `figures` aim the tails and (planner 2) are the faces to keep clear. At most the first 12 pieces are lettered,
    as PanelLettering allows.
    """
    artifact = panel.artifact
    if metadata is None and artifact is not None:
        metadata = artifact.metadata
    figures = figures_of(metadata, planner)
    aspect = artifact.width / artifact.height if artifact is not None and artifact.width and artifact.height else 4 / 3
    faces = [face for f in figures if (face := face_of(f, aspect)) is not None] if planner >= 2 else []
    balloons = [Balloon(kind="caption", text=panel.caption.strip())] if panel.caption.strip() else []
    lines = panel.dialogue.splitlines()
    balloons += [b for line in lines if (b := balloon_for_line(line, panel.characters, figures, planner, aspect))]
    return PanelLettering(balloons=balloons[:MAX_BALLOONS], faces=faces[:MAX_BALLOONS], display_width=display_width)
