"""Staging a panel's cast: who stands where, how big, facing which way, and in what shot.

Shots: the story's first panel and an empty one are establishing shots (small figures, much of the place); one
person speaking is a close-up (head and shoulders drawn at the panel's size, on alternate sides from one panel to
the next so two close-ups in a row differ); two people, one speaking, in every other panel an over-the-shoulder
shot of a conversation (both standing; the listener large in the foreground from behind, cut by the frame, the
speaker facing them); anything else a medium shot of full figures in a line, facing the middle (line_plan: a
hand-held thing in a hand or on a plinth, a large creature or a ship at one side or behind). People from our
sheets are drawn again per panel in their pose and expression (posed.py); other figures are their sheet's cut-out,
resized.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Final

from PIL import Image, ImageDraw

from domain.style import Style
from providers.offline.drawing import waters
from providers.offline.drawing.colour import INK
from providers.offline.drawing.creatures import HANDS, CreatureLook, hand
from providers.offline.drawing.humanoids import HumanLook, hand_height, headroom
from providers.offline.drawing.moods import Stance
from providers.offline.drawing.nametags import draw_name_tag, draw_name_tags
from providers.offline.drawing.objects import ObjectLook
from providers.offline.drawing.paper import Box
from providers.offline.drawing.posed import (
    WIDTH_PER_HEIGHT,
    clear_posed,
    creature_aspect,
    drawn_creature,
    drawn_object,
    posed_face,
    posed_figure,
)
from providers.offline.drawing.resized import clear_resized, enlarged, sized, sized_cutout

if TYPE_CHECKING:
    from providers.offline.drawing.scenery import Scene

SIDE_MARGIN: Final = 40
_EDGE: Final = 14  # a large figure at one side keeps this far inside the frame (its head in view)
_HAND_HELD_MOST: Final = 0.3  # a thing smaller than this (of a person's height) is held, or set on a plinth
_WAIST: Final = 0.42  # of a person's height: where a plinth's top is
_LOOMING: Final = 1.2  # a creature this much taller than a person rises behind the others
_LOOMING_MOST: Final = 1.7  # and is drawn at most this much taller (a leviathan would leave the others tiny)
_LOOMING_THING: Final = 2.0  # a thing this much taller than a person (a ship) stands behind them like a creature
_STANDING_WIDTH: Final = {"stand": 0.45, "slump": 0.45}  # a figure's ink across over its height, arms down
_PAST_EDGE: Final = 0.3  # beside people, a large one's far end (a tail) may run this much of it past the frame
_FACE: Final = 0.85  # of a creature's head box across: its face, kept clear of the people in front of it
_FARTHEST: Final = 0.55  # beside large ones, people are drawn down to this much of their height to leave them room
_PERSON_SHARE: Final = 0.16  # beside large ones, each in the line keeps at least this much of the width
_OTS_NEAR: Final = 1.1  # an over-the-shoulder listener's height (a hat aside), of the panel's
_OTS_HEAD: Final = 0.58  # its head's middle down the frame
_OTS_EDGE: Final = 0.07  # and the middle of its head across, from its side's edge: half of it out of the frame
_OTS_HAT: Final = 1.5  # a listener under a hat is smaller by this much of the hat's height (headroom)
_HEAD_TOP: Final = 0.93  # of a person's height (a hat aside): its head's top above its feet
_CLOSE_UP_ZOOM: Final = 2.1  # a close-up's figure is this many times the room below the balloon: head and shoulders
_CLOSE_UP_LOWER: Final = 0.5  # of how low heads start for a caption: where a close-up's head starts then
_CLOSE_UP_ASIDE: Final = 0.12  # of the width: how much further to its side a close-up leaves room for a caption


@dataclass
class CastMember:
    """A figure to place in a panel: its sheet's cut-out (and, for a person, its look to draw again), its name,
    how it stands, and where it was placed (`box`, panel pixels)."""

    name: str
    figure: Image.Image
    kind: str | None
    scale: float | None = None  # a creature's height over a person's, from its sheet
    look: HumanLook | CreatureLook | ObjectLook | None = None  # to draw it again (posed, or at its size)
    role: str | None = None  # protagonist, antagonist ... from its sheet
    source: bytes = b""  # the reference image the cut-out came from (the key its resized copies are cached by)
    stance: Stance = field(default_factory=lambda: Stance("stand", "sheet"))
    box: Box = (0, 0, 0, 0)
    head: tuple[float, float] | None = None  # the face's centre in fractions of `box`, where not its top middle
    head_half: float = 0.0  # a creature's: half its head's width, in fractions of the box's
    holder: str | None = None  # a hand-held thing's: who the panel's words say holds it
    on_stand: bool = False  # a hand-held thing the words set on a table, pedestal, cushion ...
    drawn_h: float = 0.0  # a person's height as placed, a hat aside (where its hands are)
    face: Box | None = None  # a person's face as placed, the head's round from hairline to chin (panel pixels)
    framed: bool = False  # a close-up's head and shoulders
    faces_left: bool = False  # as placed

    @property
    def looms(self) -> bool:
        """Bigger than a person: it rises behind the others instead of taking a place in the line."""
        if self.kind == "object":  # a statue on its plinth stands among people; a ship is behind them
            return (self.scale or 0) >= _LOOMING_THING
        return self.kind == "creature" and (self.scale or 0) >= _LOOMING

    @property
    def hand_held(self) -> bool:
        """A thing small enough to hold (its sheet's scale): in a hand, else on a plinth; never alone in the air."""
        return self.kind == "object" and self.scale is not None and self.scale < _HAND_HELD_MOST


def has_hands(member: CastMember) -> bool:
    """Whether the member can hold a thing: a person, or a creature with a person's arms in a line (a mermaid)."""
    if isinstance(member.look, CreatureLook):
        return hand(member.look) is not None and not member.looms
    return member.kind in ("humanoid", None)


@dataclass
class LinePlan:
    """Where a line-up puts its cast (pixels): the line's members and their slots, the large ones' zones across
    (x0, x1), and who holds each hand-held thing (True: in the other hand, the first one's is taken)."""

    standing: list[CastMember]
    slots: list[float]
    slot_width: float
    looming: list[tuple[CastMember, tuple[int, int]]]
    held: list[tuple[CastMember, CastMember, bool]]
    beside: bool = False  # the line stands beside the large ones (else in front of them)
    widths: list[float] = field(default_factory=list)  # each slot's width (slot_width: a person's)


def line_plan(
    cast: list[CastMember], width: int, speaker: CastMember | None, span: tuple[float, float] | None = None
) -> LinePlan:
    """The line-up's plan: a hand-held thing goes to the one the words say holds it, else the person next to it
    in the cast (nobody: on a plinth in the line); a large creature or thing stands at one side (the side of the
    cast it is named on), facing the others, its head inside the frame (its far end may run past it): the line
    beside it (its head clear of theirs, the line narrower, each large one's room by how wide it is at its scale)
    when it is with one other, or two it speaks to or between two large ones; else in front of it. `span`: where
    across a line with no large one stands (else the width less a margin at each side)."""
    people = [m for m in cast if has_hands(m)]
    held: list[tuple[CastMember, CastMember, bool]] = []
    for thing in (m for m in cast if m.hand_held and not m.on_stand and people):
        at = cast.index(thing)
        named = next((p for p in people if thing.holder is not None and p.name == thing.holder), None)
        holder = named or min(people, key=lambda p: (abs(cast.index(p) - at), cast.index(p)))
        held.append((thing, holder, any(h is holder for _, h, _ in held)))
    standing = [m for m in cast if not m.looms and all(m is not t for t, _, _ in held)]
    looming = [m for m in cast if m.looms]
    lo, hi = span if span is not None and not looming else (float(SIDE_MARGIN), float(width - SIDE_MARGIN))
    zones: list[tuple[CastMember, tuple[int, int]]] = []
    if looming and standing:
        speaks = any(m is speaker for m in looming)
        sides = [(m, cast.index(m) < (len(cast) - 1) / 2) for m in looming]  # True: on the left
        both = len({left for _, left in sides}) == 2  # one at each side, facing each other
        # Beside the line: with one other (or two, to whom it speaks); else it stands behind them, its head in a gap.
        beside = len(standing) <= (2 if both or speaks else 1)
        shares = _beside_shares(looming, standing) if beside else [0.49 if both else 0.7] * len(looming)
        for (member, left), share in zip(sides, shares, strict=True):
            zone = round(width * share)
            zones.append((member, (_EDGE, _EDGE + zone) if left else (width - _EDGE - zone, width - _EDGE)))
            if beside:
                lo, hi = (max(lo, _EDGE + zone), hi) if left else (lo, min(hi, width - _EDGE - zone))
    else:
        share = (width - 2 * _EDGE) / max(1, len(looming))
        zones = [(m, (round(_EDGE + share * j), round(_EDGE + share * (j + 1)))) for j, m in enumerate(looming)]
        beside = False
    # Each takes room by how wide it stands: a person 1, a thing or a small creature by its size and shape.
    weights = [_room(m) for m in standing]
    unit = (hi - lo) / max(1.0, sum(weights))
    edges = [lo + unit * sum(weights[:i]) for i in range(len(standing) + 1)]
    slots = [(a + b) / 2 for a, b in itertools.pairwise(edges)]
    widths = [unit * w for w in weights]
    return LinePlan(standing, slots, unit, zones, held, beside, widths)


def _beside_shares(looming: list[CastMember], standing: list[CastMember]) -> list[float]:
    """Each large one's share of the width when the line stands beside them: by how wide it is at its scale (a
    person's height the unit; its far end may run past the frame), the people the rest (at least a sixth each)."""
    needs = [looming_aspect(m) * looming_scale(m) * (1 - _PAST_EDGE) for m in looming]
    people = WIDTH_PER_HEIGHT * sum(_room(m) for m in standing)
    rest = 1 - max(_PERSON_SHARE * len(standing), people / (people + sum(needs)))
    return [rest * need / sum(needs) for need in needs]


def looming_aspect(member: CastMember) -> float:
    """How much wider than tall a large one is drawn (a creature in its pose)."""
    if isinstance(member.look, CreatureLook):
        return creature_aspect(member.look, member.stance.pose)
    return member.figure.width / max(1, member.figure.height)


def looming_scale(member: CastMember) -> float:
    """How many times a person's height a large one is drawn."""
    return min(member.scale or 1.0, _LOOMING_MOST)


def _ink_share(figure: Image.Image) -> float:
    """How much of a figure's box its ink covers: little for a long thing drawn on the slant."""
    alpha = figure.getchannel("A")
    return sum(i * n for i, n in enumerate(alpha.histogram())) / 255 / max(1, figure.width * figure.height)


def _room(member: CastMember) -> float:
    """How much of the line a member takes, a person's place being 1: as wide as it stands at its size."""
    if member.kind in ("humanoid", None) or isinstance(member.look, HumanLook):
        return 1.5 if member.stance.pose == "fall" else 1.0  # lying along the ground
    if member.hand_held:
        return 0.5  # on its plinth
    if isinstance(member.look, CreatureLook):
        aspect = creature_aspect(member.look, member.stance.pose)
    else:
        aspect = member.figure.width / max(1, member.figure.height)
    size = member.scale if member.scale is not None else {"object": 0.55, "concept": 0.6}.get(member.kind or "", 1.0)
    return min(2.0, max(0.5, size * aspect / WIDTH_PER_HEIGHT))


def choose_shot(index: int, cast: list[CastMember], speaker: CastMember | None) -> str:
    """The shot for panel `index` of a story (see the module's docstring)."""
    if not cast or index == 0:
        return "establishing"
    if len(cast) == 1 and cast[0].kind in ("humanoid", None) and speaker is not None:
        return "close-up"
    # People standing: no one runs, fights or falls.
    talking = [m for m in cast if isinstance(m.look, HumanLook) and m.stance.pose == "stand"]
    if speaker is not None and len(cast) == 2 and len(talking) == 2 and index % 2 == 1:
        return "over-the-shoulder"
    return "medium"


def clear_caches() -> None:
    """Forget every figure this process has drawn or resized (benchmarks draw cold)."""
    clear_resized()
    clear_posed()
    drawn_creature.cache_clear()
    drawn_object.cache_clear()


class Stage:
    """Places a panel's cast on its canvas in one shot; `style` draws people again in the panel's style."""

    def __init__(
        self,
        canvas: Image.Image,
        style: Style,
        top_limit: int,
        index: int,
        clear: int = 0,
        span: tuple[float, float] | None = None,
        scene: Scene | None = None,
    ) -> None:
        """`top_limit`: nothing drawn above it (a hat's crown and all) but a close-up's hat; `clear`: a standing
        person's head (its hair, a hat aside) stays below it, where the page's caption is to go above; `span`: where
        across a line-up of people stands (line_plan); `scene`: what it is drawn over (the sea puts sea creatures
        in the water, waters.py)."""
        self.canvas, self.style, self.top_limit, self.index, self.scene = canvas, style, top_limit, index, scene
        self.clear, self.span = clear, span
        self.width, self.height = canvas.size
        self.feet = round(self.height * 0.9)
        self.speaker: CastMember | None = None

    def place(self, cast: list[CastMember], shot: str, speaker: CastMember | None, name_tags: bool) -> None:
        """Draw the cast in `shot`: shadows, figures, and (`name_tags`, not in a close-up) their name tags."""
        if not cast:
            return
        self.speaker = speaker
        if shot == "close-up":
            return self._close_up(cast[0])  # no name tag: it would sit on the speaker's chest, and who speaks is plain
        if shot == "over-the-shoulder" and speaker is not None:
            return self._over_the_shoulder(speaker, next(m for m in cast if m is not speaker), name_tags)
        self._line_up(cast, shot, name_tags)

    def _close_up(self, member: CastMember) -> None:
        """Head and shoulders from the balloon down, past the bottom edge; left of centre and facing right in even
        panels, right of centre, facing left and a little wider (to the chest) in odd ones. The head's top is where
        a bareheaded one's is: a tall hat's crown runs out of the frame's top, it never pushes the face down."""
        mirror = self.index % 2 == 1
        # Leaving a caption room: its head lower, as large (a tall crown cut by the caption's edge as by the frame).
        limit = max(self.top_limit, round(self.clear * _CLOSE_UP_LOWER))
        bare = (self.height - self.top_limit) * (_CLOSE_UP_ZOOM if not mirror else _CLOSE_UP_ZOOM * 0.8)
        rise = headroom(member.look) if isinstance(member.look, HumanLook) else 0.0
        top = limit - round(bare * rise)
        aside = _CLOSE_UP_ASIDE if self.clear else 0.0  # further to its side, the caption beside its head
        cx = round(self.width * (0.58 + aside if mirror else 0.42 - aside))
        view = "front" if member.stance.pose == "stand" and self.index % 4 == 0 else "three-quarter"
        self._stand(member, bare * (1 + rise), self.width * 2, cx, top + round(bare * (1 + rise)), None, view=view,
                    mirror=mirror, rows=self.height - top)  # fmt: skip
        if member.face is not None:  # its face where the figure's middle was to be (a pointing arm aside), in view
            x0, y0, x1, y1 = member.face
            shift = min(max(cx - (x0 + x1) // 2, _EDGE - x0), self.width - _EDGE - x1)
            member.face = (x0 + shift, y0, x1 + shift, y1)
            member.box = (member.box[0] + shift, member.box[1], member.box[2] + shift, member.box[3])
            member.framed = True
        self._composite([member])

    def _over_the_shoulder(self, speaker: CastMember, listener: CastMember, name_tags: bool) -> None:
        """The listener from behind at one side, only the back of its head and a shoulder in the frame (a hat
        shares its height: a tall one never looms); the speaker beyond, facing them."""
        left = self.index % 4 == 1  # the listener's side alternates between such shots
        rise = headroom(listener.look) if isinstance(listener.look, HumanLook) else 0.0
        # Under a tall hat, smaller by the hat (it shares a bareheaded listener's height) and as far out of the
        # frame for its size: the hat's crown a small part of the frame, not the thing the shot is of.
        bare = self.height * _OTS_NEAR / (1 + _OTS_HAT * rise)
        near_h = bare * (1 + rise)
        # Its head's middle a little below halfway down the frame (the head's round is 0.18 of a bare figure below
        # its top): a caption at the top keeps clear of it, its hat's crown under the caption.
        # Under a tall hat, lower by half the hat: its crown stays under the caption's band too.
        top = round(self.height * _OTS_HEAD + bare * rise / 2 - bare * (rise + 0.18))
        edge = _OTS_EDGE * bare / (self.height * _OTS_NEAR)
        near_cx = round(self.width * (edge if left else 1 - edge))
        self._stand(listener, near_h, self.width, near_cx, top + round(near_h), None, view="back",
                    rows=self.height - top)  # fmt: skip
        far_h = max(80, min(round(self.height * 0.64), self.feet - self.top_limit, self._under_clear(self.feet)))
        # Right of the middle beside a listener on the right, to leave a caption room: the page letters one on the
        # side away from speakers who all stand left of it (over the listener).
        far_cx = round(self.width * (0.6 if left else (0.53 if self.clear else 0.4)))
        shadows, draw = self._shadow_layer()
        self._stand(speaker, far_h, self.width * 0.4, far_cx, self.feet, draw, view="three-quarter", mirror=left)
        self._shade(shadows)
        self._composite([speaker, listener])  # the listener in front
        if name_tags:
            self._name_tag(speaker.name, ((speaker.box[0] + speaker.box[2]) // 2, self.feet + 14))

    def _line_up(self, cast: list[CastMember], shot: str, name_tags: bool) -> None:
        """Full figures in a line across the lower panel, facing its middle; a creature or thing bigger than a
        person behind them at one side (line_plan), a hand-held thing in a hand or on a plinth."""
        width, height, feet = self.width, self.height, self.feet
        tallest = max(80, min(round(height * 0.64), feet - self.top_limit, self._under_clear(feet)))
        if shot == "establishing":
            tallest = round(tallest * 0.62)
        plan = line_plan(cast, width, self.speaker, self.span)
        standing = plan.standing
        if standing and plan.looming:  # people smaller (further off): a large one as much taller as its scale says
            # (behind them, its head then rises over theirs), in the room under the balloon and across.
            fits = [min((feet - self.top_limit) / looming_scale(m), self._fits(m, z)) for m, z in plan.looming]
            tallest = round(max(tallest * _FARTHEST, min([tallest, *fits])))
        shadows, shadows_draw = self._shadow_layer()
        for member, (x0, x1) in plan.looming:
            # As tall as its scale card says (a person is `tallest`), up to the room there is; inside its zone,
            # facing the line from its side, a little behind the line of the others.
            target_h = min(feet - self.top_limit, tallest * looming_scale(member))
            right_side = x0 > width - x1  # facing left, toward the people; its near edge on the zone's (alone: the
            # middle of its zone)
            near_left, near_right = (
                (x0 if right_side else None, None if right_side else x1) if standing else (None, None)
            )
            room = (x1 - x0) / (1 - _PAST_EDGE) if standing else x1 - x0  # its far end past the frame
            self._stand(member, target_h, room, round((x0 + x1) / 2), feet - round(height * 0.03), None,
                        mirror=right_side, left=near_left, right=near_right)  # fmt: skip
        plinths: list[CastMember] = []
        for i, member in enumerate(standing):
            scale = (1.0, 0.94, 0.97, 0.91, 0.96)[i % 5]  # a little variety in stature reads as different people
            factor = {"object": 0.55, "concept": 0.6}.get(member.kind or "", 1.0)
            if member.kind in ("creature", "object") and member.scale is not None:
                factor = member.scale if member.kind == "object" else max(0.1, member.scale)  # its sheet's size
            bottom = feet - (round(height * 0.1) if member.kind == "concept" else 0)  # concepts float
            if member.hand_held:  # on a plinth at a person's waist height (no one to hold it, or the words say so)
                bottom = feet - round(tallest * _WAIST)
                plinths.append(member)
            middle = (len(standing) - 1) / 2
            # Each faces the middle of the line; one alone faces the reader unless it runs or points somewhere.
            turned = (len(standing) > 1 and i != middle) or member.stance.pose in ("run", "point", "fight")
            mirror = i > middle or (len(standing) == 1 and self.index % 2 == 1)
            cx = round(plan.slots[i])
            target_h = min(tallest * scale * factor, bottom - self.top_limit)  # a statue taller than a person
            if isinstance(member.look, HumanLook):  # a tall hat's crown stays under the balloon too
                target_h = min(target_h, (bottom - self.top_limit) / (1 + headroom(member.look)))
            self._stand(member, target_h, plan.widths[i] * 0.92, cx, bottom, shadows_draw, feet,
                        view="three-quarter" if turned else "front", mirror=mirror)  # fmt: skip
        for member, _ in plan.looming:  # its head between the people as they stand (a fist raised in a fight and all)
            if standing and not plan.beside:
                self._head_between(member, standing, plan.slot_width)
            if waters.waterline(member.look, self.scene) is None:
                self._shadow(shadows_draw, (member.box[0] + member.box[2]) / 2, feet, member.box[2] - member.box[0])
        held = [(thing, self._in_hand(thing, holder, other, shadows_draw)) for thing, holder, other in plan.held]
        self._shade(shadows)
        for member in plinths:
            self._plinth(member)
        self._composite([*(m for m, _ in plan.looming), *standing, *(thing for thing, _ in held)])
        tags: list[tuple[str, int, int]] = []
        for member in cast if name_tags else []:
            x0, _, x1, _ = member.box
            # A large one's tag goes toward its head end, a held one's under the hand: a row below the line's.
            x = (x0 + x1) // 2
            if member.looms and member.head is not None:
                x = min(max(round(x0 + (x1 - x0) * member.head[0]), 110), width - 110)
            below = member.looms or any(thing is member and in_hand for thing, in_hand in held)
            tags.append((member.name, x, feet + (40 if below else 14)))
        draw_name_tags(self.width, tags, self._name_tag)

    def _under_clear(self, feet: int) -> int:
        """The tallest a person standing at `feet` may be for its head to stay under `clear`."""
        return round((feet - self.clear) / _HEAD_TOP) if self.clear else feet

    def _fits(self, member: CastMember, zone: tuple[int, int]) -> float:
        """How tall a person may be for the large `member` to stand as much taller as its scale says, `zone` wide
        and its far end past the frame."""
        return (zone[1] - zone[0]) / (1 - _PAST_EDGE) / looming_aspect(member) / looming_scale(member)

    def _in_hand(self, thing: CastMember, holder: CastMember, other: bool, shadows: ImageDraw.ImageDraw) -> bool:
        """Size the hand-held `thing` to its holder and put it in the hand toward the line's middle (the front
        hand; the `other` one if that holds something already); on the ground beside a fallen holder. Whether it
        is in the hand."""
        x0, _, x1, bottom = holder.box
        body = holder.drawn_h or (bottom - holder.box[1])
        size = max(12.0, body * (thing.scale or 0.1))
        right = holder.faces_left == other
        if holder.stance.pose == "fall":
            cx = round(x1 + size * 0.6 if right else x0 - size * 0.6)
            self._stand(thing, size, size * 2, min(max(cx, 20), self.width - 20), self.feet, shadows)
            return False
        hand_x = x1 - (x1 - x0) * 0.08 if right else x0 + (x1 - x0) * 0.08
        hand_y = bottom - body + body * hand_height(holder.stance.pose, front=not other)
        if isinstance(holder.look, CreatureLook):  # its one hand reaching forward (a mermaid's, a centaur's)
            across, down = hand(holder.look) or HANDS["biped"]
            right = not holder.faces_left
            hand_x = x1 - (x1 - x0) * (1 - across) if right else x0 + (x1 - x0) * (1 - across)
            hand_y = holder.box[1] + (bottom - holder.box[1]) * down
        # Gripped near its base: the hand covers its lower part, the rest stands up out of the fist.
        low = max(hand_y + size * 0.2, self.top_limit + size)  # raised in a cheer, still under the balloon
        self._stand(thing, size, size * 3, round(hand_x), round(low), None)
        x0, y0, x1, y1 = thing.box
        if _ink_share(thing.figure) < 0.3:  # a long thing (a sword, a key) drawn on the slant: gripped at its low end
            shift = round((x1 - x0) * 0.32) * (1 if right else -1)
            thing.box = (x0 + shift, y0, x1 + shift, y1)
            if not right:  # its low end to the left: turned to point away from its holder's face
                thing.figure = thing.figure.transpose(Image.Transpose.FLIP_LEFT_RIGHT)
        return True

    def _plinth(self, member: CastMember) -> None:
        """A small stone plinth from the ground up to under `member` (an object set on a table or pedestal)."""
        x0, _, x1, bottom = member.box
        half = max(24, (x1 - x0) * 0.7)
        cx = (x0 + x1) / 2
        stone, edge = (178, 170, 158), (150, 142, 130)
        draw = ImageDraw.Draw(self.canvas)
        draw.rectangle((cx - half * 0.75, bottom + 10, cx + half * 0.75, self.feet), fill=stone, outline=INK, width=3)
        draw.rectangle((cx - half, bottom, cx + half, bottom + 12), fill=edge, outline=INK, width=3)  # its top slab
        draw.rectangle((cx - half, self.feet - 12, cx + half, self.feet), fill=edge, outline=INK, width=3)

    def _stand(
        self,
        member: CastMember,
        target_h: float,
        max_w: float,
        cx: int,
        bottom: int,
        shadows: ImageDraw.ImageDraw | None,
        feet: int | None = None,
        view: str = "front",
        mirror: bool = False,
        rows: int | None = None,
        left: int | None = None,
        right: int | None = None,
    ) -> None:
        """Size the member's figure to `target_h` (at most `max_w` wide), stand it centred on `cx` (or with its left
        or right edge there) with its lowest point at `bottom`, and draw its shadow on the ground (at `feet`, else
        under it) unless `shadows` is None. A person is drawn afresh (only its top `rows` if given); a fallen figure
        lies along the ground."""
        pose = member.stance.pose
        face: tuple[float, float, float, float] | None = None
        if isinstance(member.look, CreatureLook):
            # Knocked down, it sinks low, head hung: tipped on its end a large one would stand taller than before, a
            # beast on four legs would lie with its legs in the air.
            drawn = "low" if pose == "fall" else pose
            line = waters.waterline(member.look, self.scene)  # a sea creature by the sea swims, cut at the water
            if line is not None:  # as much of it above the water as would have stood on the shore
                target_h = waters.whole_height(member.look, target_h, line * self.height - self.top_limit)
            tank = waters.tanked(member.look, self.scene)  # out of the water: in a tank on the ground
            target_h /= waters.TANK_GROWTH if tank else 1.0
            fig, member.head, member.head_half = drawn_creature(member.look, self.style, target_h, max_w, mirror,
                                                                drawn, member.stance.expression)  # fmt: skip
            full_h = fig.height
            pose = drawn
            if line is not None:
                fig, member.head, member.head_half, bottom = waters.in_the_water(
                    fig, member.look, member.head, member.head_half, line, self.height
                )
                full_h, shadows = fig.height, None
            elif tank:
                fig, member.head, member.head_half = waters.in_a_tank(fig, member.head, member.head_half)
                full_h = fig.height
        elif isinstance(member.look, HumanLook):
            # Lying down, it is about as wide as it was tall: its room across is its height's limit.
            # Standing, its arms at its sides, it is narrower than with them out (a crowded line stays tall).
            per_height = 1.0 if pose == "fall" and not rows else _STANDING_WIDTH.get(pose, WIDTH_PER_HEIGHT)
            height = round(min(target_h, max_w / per_height))
            diver = self.scene is not None and self.scene.setting == "underwater" and not member.look.robot
            drawing = (member.look, self.style, pose, member.stance.expression, view, mirror, height, rows, diver)
            fig, face = posed_figure(*drawing), posed_face(*drawing)
            if diver and not rows:  # floating over the sea floor
                bottom -= round(height * 0.07)
            full_h = height if rows else fig.height
            member.drawn_h = height
        elif isinstance(member.look, ObjectLook) and enlarged(member.figure, target_h, max_w):
            # Enlarged, the sheet's cut-out would be soft: drawn again at the size it takes (a statue, a ship).
            factor = min(target_h / member.figure.height, max_w / member.figure.width)
            fig = drawn_object(member.look, self.style, round(member.figure.height * factor), pose == "fall")
            full_h = fig.height
        else:
            fig = member.figure
            if member.source:
                fig = sized_cutout(member.source, self.style, fig, pose == "fall", target_h, max_w)
            else:
                fig = sized(fig, pose == "fall", target_h, max_w)
            full_h = fig.height
        x0 = left if left is not None else (right - fig.width if right is not None else cx - fig.width // 2)
        cx, y0 = x0 + fig.width // 2, bottom - full_h
        member.figure, member.box, member.faces_left = fig, (x0, y0, x0 + fig.width, bottom), mirror
        member.face, member.framed = None, False
        if face is not None:
            fx0, fy0, fx1, fy1 = face
            if view != "back":  # the back of a head is no face to keep clear
                member.face = (round(x0 + fx0), round(y0 + fy0), round(x0 + fx1), round(y0 + fy1))
            member.head = ((fx0 + fx1) / 2 / fig.width, (fy0 + fy1) / 2 / max(1, bottom - y0))
        if pose == "fall":  # lying down, the head is at the end it fell toward
            member.head = (0.1 if mirror else 0.9, 0.4)
        if shadows is None:  # feet out of the frame
            return
        self._shadow(shadows, cx, bottom if feet is None else feet, fig.width)

    @staticmethod
    def _shadow(shadows: ImageDraw.ImageDraw, cx: float, ground: float, width: float) -> None:
        half = max(20, width * 0.42)
        shadows.ellipse((cx - half, ground - 10, cx + half, ground + 10), fill=70)

    def _head_between(self, member: CastMember, line: list[CastMember], slot: float) -> None:
        """Move a large figure the line stands in front of as little as will show its face clear of the line's
        ink (between two of them, or past the line's far end; clear of a fist raised in a fight), else to where the
        least of it is hidden; its far end (a tail) at most a little past the frame, its head inside it."""
        if member.head is None:
            return
        x0, y0, x1, y1 = member.box
        head_x, head_y = x0 + (x1 - x0) * member.head[0], y0 + (y1 - y0) * member.head[1]
        half = max(4.0, (x1 - x0) * member.head_half * _FACE)
        past = (x1 - x0) * _PAST_EDGE
        lo = _EDGE - x0 - (0 if member.faces_left else past)
        hi = self.width - _EDGE - x1 + (past if member.faces_left else 0)
        # Not past the middle of the line's end it faces toward: it would face away from them all.
        middles = sorted((m.box[0] + m.box[2]) / 2 for m in line)
        if member.faces_left:
            lo = max(lo, middles[0] + slot * 0.25 - head_x)
        else:
            hi = min(hi, middles[-1] - slot * 0.25 - head_x)
        inks = [(m.box, m.figure.getchannel("A")) for m in line]

        def hidden(shift: float) -> float:  # how much of its face the line's ink covers there
            area = 0
            for (ox, oy, _, _), alpha in inks:
                left, top = round(head_x + shift - half - ox), round(head_y - half - oy)
                box = alpha.crop((left, top, left + round(2 * half), top + round(2 * half))).getbbox()
                area += 0 if box is None else (box[2] - box[0]) * (box[3] - box[1])
            return area / (2 * half) ** 2

        step = max(8.0, half / 3)
        shifts: list[float] = [lo + step * k for k in range(int(max(0.0, hi - lo) / step) + 1)] + [hi, 0.0]
        # The nearest place where its face is clear, else the one where the least of it is hidden.
        best, least = min(max(0.0, lo), hi), 2.0
        for d in sorted((d for d in shifts if lo <= d <= hi), key=abs):
            covered = hidden(d)
            if covered <= 0.02:
                best = d
                break
            if covered < least:
                best, least = d, covered
        shift = round(best)
        member.box = (x0 + shift, y0, x1 + shift, y1)

    def _shadow_layer(self) -> tuple[Image.Image, ImageDraw.ImageDraw]:
        layer = Image.new("L", self.canvas.size, 0)  # the shadows' alpha alone: they are all black
        return layer, ImageDraw.Draw(layer)

    def _shade(self, shadows: Image.Image) -> None:
        if (shade := shadows.getbbox()) is not None:  # only where there is a shadow: the rest would change nothing
            self.canvas.paste((0, 0, 0), shade, shadows.crop(shade))  # black through it: "over" on the opaque canvas

    def _composite(self, members: list[CastMember]) -> None:
        """Paste the members' figures in order (later ones in front), each clipped to the panel."""
        for member in members:
            x0, y0, _, _ = member.box
            fig = member.figure
            visible = (max(0, -x0), max(0, -y0), min(fig.width, self.width - x0), min(fig.height, self.height - y0))
            if visible[0] < visible[2] and visible[1] < visible[3]:  # a looming creature may run past the sides
                part = fig if visible == (0, 0, *fig.size) else fig.crop(visible)  # all in view: no copy
                self.canvas.paste(part, (x0 + visible[0], y0 + visible[1]), part)

    def _name_tag(self, name: str, centre: tuple[int, int]) -> None:
        draw_name_tag(self.canvas, name, centre)
