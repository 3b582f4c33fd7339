"""A panel's dialogue text read as lettering: who speaks, thinks or narrates, and where the speaker stands.

One line per balloon: `Mira: Hold the light!` is speech pointing at Mira, `Mira (thinks): ...` a thought,
`Narrator: ...` or `Caption: ...` a caption, `SFX: KRAKOOM` a sound effect, and a line credited to nobody in
the panel a caption (the storytellers write narration that way). The panel's own `caption` is a caption box too.
Where each speaker stands comes from the renderer (the artifact's `metadata["figures"]`), never from a guess.
"""

import re
from collections.abc import Mapping, Sequence
from typing import Any

from pydantic import ValidationError

from comics.lettering import Balloon, BalloonKind, PanelLettering
from domain.base import StrictModel
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


class Figure(StrictModel):
    """Where the renderer drew one character: a box in fractions of the image, the head at its top."""

    name: str
    box: tuple[float, float, float, float]

    @property
    def centre_x(self) -> float:
        return (self.box[0] + self.box[2]) / 2


def figures_of(metadata: Mapping[str, Any] | None) -> list[Figure]:
    """The figures a renderer recorded in an artifact's metadata (`figures`), skipping any malformed entry."""
    found: list[Figure] = []
    raw = (metadata or {}).get("figures")
    for entry in raw if isinstance(raw, list) else []:
        try:
            figure = Figure.model_validate(entry)
        except ValidationError:
            continue
        x0, y0, x1, y1 = figure.box
        if 0 <= x0 < x1 <= 1 and 0 <= y0 < y1 <= 1:
            found.append(figure)
    return found


def _match(name: str, cast: list[str]) -> str | None:
    wanted = slugify(name)
    for member in cast:
        slug = slugify(member)
        if wanted and (wanted == slug or wanted in slug.split("-")):
            return member
    return None


def balloon_for_line(line: str, cast: list[str], figures: Sequence[Figure] = ()) -> Balloon | None:
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
    return Balloon(kind=kind, text=words, speaker_x=figure.centre_x, speaker_y=figure.box[1])


def lettering_for_panel(
    panel: Panel, metadata: Mapping[str, Any] | None = None, display_width: int | None = None
) -> PanelLettering:
    """The panel's caption and dialogue as lettering (caption first, then one balloon per line).

    `metadata` is what the renderer recorded about the art (default: the panel's current artifact's): its
    `figures` aim the tails. At most the first 12 pieces are lettered, as PanelLettering allows.
    """
    if metadata is None and panel.artifact is not None:
        metadata = panel.artifact.metadata
    figures = figures_of(metadata)
    balloons = [Balloon(kind="caption", text=panel.caption.strip())] if panel.caption.strip() else []
    balloons += [b for line in panel.dialogue.splitlines() if (b := balloon_for_line(line, panel.characters, figures))]
    return PanelLettering(balloons=balloons[:MAX_BALLOONS], display_width=display_width)
