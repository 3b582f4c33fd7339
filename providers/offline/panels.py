"""Reading a story: the panel breakdown (beats, setting, time, mood, characters named, first line of dialogue)."""

from __future__ import annotations

import heapq
import itertools
import re
from collections import Counter
from collections.abc import Callable

from domain.drafts import PanelDraft
from providers.offline.actions import actions
from providers.offline.captions import caption
from providers.offline.foreign import scene_words, story_language
from providers.offline.lexicon import (
    APOSTROPHES,
    BIOME_PHRASES,
    MOODS,
    NOT_PLACES,
    PLACE_BIOMES,
    PLACE_NAMES,
    SETTING_PREPOSITIONS,
    SPEECH_VERBS,
    TIME_WORDS,
    TITLES,
    VEHICLE_PLACES,
)
from providers.offline.mentions import TIME_CLAUSE_RE
from providers.offline.presence import cast_aliases, last_mentioned, objects_in_view, panel_characters, word_slug
from providers.offline.sentences import iter_sentences, split_paragraphs, split_sentences
from providers.offline.speech import panel_line
from providers.offline.text import cap, lower_words, trim

# A place phrase: "[Back ]in the lighthouse on the black rocks", "along the Seine", "in Paris".
# French and Spanish ones too ("Dans la forteresse", "En el mercado de Highcairn", "Au marché de Thornwick").
_SETTING_PHRASE = (
    rf"(?i:(?:back|down|up|out|deep|high|far|somewhere|de retour|de vuelta)\s)?(?:(?i:{SETTING_PREPOSITIONS})\s+"
    rf"(?:(?:(?i:the|a|an|le|la|les|un|une|des|el|los|las|una))\s|l[{APOSTROPHES}]|[A-Z]\w+[{APOSTROPHES}]s\s)"
    rf"[^,.;:!?\"“”]{{3,90}}|(?i:{SETTING_PREPOSITIONS})\s+[A-Z]\w+(?:\s[A-Z]\w+)*|(?i:au|aux)\s[^,.;:!?\"“”]{{3,90}})"
)

_OPENING_SETTING_RE = re.compile(rf"(?:^|(?<=[.!?]\s)|(?<=,\s))({_SETTING_PHRASE})")

_ANY_SETTING_RE = re.compile(rf"\b({_SETTING_PHRASE})")

_TIME_WORD_RES = tuple((re.compile(rf"\b{word}\b"), phrase) for word, phrase in TIME_WORDS)

_MOOD_RES = tuple((re.compile(rf"\b(?:{pattern})\b"), name) for pattern, name in MOODS)


def _beats(text: str) -> list[str]:
    """Story beats: paragraphs, split by sentences up to at least six, merged down to at most twelve."""
    beats = split_paragraphs(text)
    while len(beats) < 6:
        split = [(len(split_sentences(b)), i) for i, b in enumerate(beats)]
        count, index = max(split)
        if count < 2:
            break
        sentences = split_sentences(beats[index])
        half = count // 2
        beats[index : index + 1] = [" ".join(sentences[:half]), " ".join(sentences[half:])]
    return _merge_shortest(beats, 12)


def _merge_shortest(beats: list[str], most: int) -> list[str]:
    """Join the adjacent pair with the shortest combined text (leftmost on a tie) until at most `most` remain.

    A heap of candidate pairs, stale ones skipped, keeps this O(n log n) in paragraphs; rescanning every pair for
    each merge is quadratic (a story of thousands of one-line paragraphs).
    """
    end = remaining = len(beats)
    groups: list[list[str] | None] = [[beat] for beat in beats]  # each merged beat's paragraphs, kept at its first
    lengths = [len(beat) for beat in beats]  # of the joined group
    following = list(range(1, end + 1))  # index of the next live group, `end` for none
    preceding = list(range(-1, end - 1))  # -1 for none
    pairs = [(lengths[i] + 1 + lengths[i + 1], i, i + 1) for i in range(end - 1)]
    heapq.heapify(pairs)
    while remaining > most:
        total, left, right = heapq.heappop(pairs)
        group, merged = groups[left], groups[right]
        # Lengths only grow, so a pair whose total changed (or whose right side moved on) is stale.
        if group is None or merged is None or following[left] != right or lengths[left] + 1 + lengths[right] != total:
            continue
        group.extend(merged)
        groups[right] = None
        lengths[left] = total
        following[left] = following[right]
        if following[left] < end:
            preceding[following[left]] = left
            heapq.heappush(pairs, (total + 1 + lengths[following[left]], left, following[left]))
        if preceding[left] >= 0:
            heapq.heappush(pairs, (lengths[preceding[left]] + 1 + total, preceding[left], left))
        remaining -= 1
    return [" ".join(group) for group in groups if group is not None]


def _without_quotes(text: str) -> str:
    return _QUOTED_RE.sub(" ", text)


_QUOTED_RE = re.compile(r'"[^"]*"|“[^”]*”')

_SETTING_END_RE = re.compile(r"\s(?:until|while|when|as|and then)\s|\sand\s(?=[a-z]+ed\b)")  # "... and cheered"


def _setting(plain: str) -> str:
    """The beat's place: a phrase opening a sentence or clause, else any place-like phrase that is not clothing."""
    # Lazily: the first fitting phrase is usually near the start of a beat that may be long.
    candidates = (
        m.group(1) for m in itertools.chain(_OPENING_SETTING_RE.finditer(plain), _ANY_SETTING_RE.finditer(plain))
    )
    for phrase in candidates:
        phrase = _SETTING_END_RE.split(phrase)[0].strip()
        if not set(lower_words(_place_head(phrase))) & NOT_PLACES:
            return phrase
    return ""


_NEXT_PREPOSITION_RE = re.compile(rf"\s(?=(?i:{SETTING_PREPOSITIONS})\s)")


def _place_head(phrase: str) -> str:
    """The phrase up to its second preposition: what it places the scene in. "Inside the hollow oak at the heart
    of the wood" is a place though a heart is not; "in a black raincoat" is not one."""
    pieces = _NEXT_PREPOSITION_RE.split(phrase)
    return pieces[0] if len(pieces[0].split()) > 1 or len(pieces) == 1 else f"{pieces[0]} {pieces[1]}"


_SPACES_RE = re.compile(r"\s+")

_CLAUSE_END_RE = re.compile(r":\s|;\s")


def _background(
    beat: str,
    inherited: str,
    world: tuple[str, frozenset[str]] = ("", frozenset()),
    foreign: tuple[str, ...] | None = None,
    is_cast: Callable[[str], bool] = lambda _: False,
    stage: str = "conflict",
) -> tuple[str, str]:
    """'[<world>, ]<place>[, <landscape>] <time> (<mood>; <who does what>): <action>' from the beat's own words, and
    the place it used.

    A beat that names no place stays where the previous one was (`inherited`), as a comic's panels do; the story's
    world is added to a place that does not name it: a world the story names ("on Mars") first, since the renderer
    draws the setting a background names first, and a landscape it only implies ("in the mountains") after. A
    story in another language (`foreign`: its world's English words, maybe none) gets English scene words instead.
    """
    plain = _SPACES_RE.sub(" ", _without_quotes(beat)).strip()
    own = _setting(plain)
    setting = own or inherited
    low = plain.lower()
    time = next((phrase for word, phrase in _TIME_WORD_RES if word.search(low)), "")
    if time and time.split()[-1] in setting.lower():
        time = ""
    # The story's words, not its names: "Snowmore" or "Frostgard" is nobody's mood.
    mood = _mood(" ".join(w for w in low.split() if not is_cast(w)), stage)
    action = _action(plain, own)
    # A world the setting already says ("Under the sea, among the crowds") is not said twice.
    if world[0] and not set(lower_words(setting)) & world[1] and world[0].lower() not in setting.lower():
        named = world[0].split()[-1].lower() in _NAMED_WORLDS
        if not setting:
            setting = world[0]
        elif named:
            setting = f"{cap(world[0])}, {setting[:1].lower()}{setting[1:]}"
        else:
            setting = f"{setting}, {world[0]}"
    scene = " ".join(part for part in (cap(setting), time) if part) or "The scene"
    if foreign is not None:
        # The renderer reads English: a French or Spanish scene gets its place and time words glossed, the world
        # first when it is one by name (Mars), else after the scene's own place ("fortress, forest"), as in English.
        glossed = scene_words(f"{setting} {plain}")
        worlds = [w for w in foreign if w in _NAMED_WORLDS]
        words = [w for w in dict.fromkeys([*worlds, *glossed, *foreign]) if w != mood]
        scene = f"{cap(setting) or 'The scene'} — {', '.join(words[:8])}" if words else scene
    acts = [act for act in actions(plain, is_cast) if act != mood]
    # One clause a doer ("Stonecrest scowls; Siga falls"): the renderer poses each figure by the clauses naming it.
    notes = "; ".join(part for part in (mood, *acts) if part)
    if notes:
        scene += f" ({notes})"
    room = 240 - len(scene) - 2
    background = f"{scene}: {trim(action, max(room, 20))}"[:240] if action else trim(scene, 240)
    return background, setting


# Moods a stage of the story cannot have: nothing is desperate yet in the opening, and nothing any more once the
# climax is past ("Tidewick was in chains at last" is the villain's defeat, not the hero's despair).
_NOT_IN_STAGE = {"setup": frozenset({"desperate"}), "conflict": frozenset(), "resolution": frozenset({"desperate"})}


def _stage(index: int, count: int) -> str:
    """Where a beat falls in the arc: the opening, the conflict up to its climax (two thirds in), the resolution."""
    at = index / max(count - 1, 1)
    return "setup" if index == 0 and count > 2 else "resolution" if at > 0.7 else "conflict"


def _mood(low: str, stage: str) -> str:
    """The first mood the beat's words name that fits its stage; a resolution that names only despair is relief."""
    found = [name for pattern, name in _MOOD_RES if pattern.search(low)]
    fitting = [name for name in found if name not in _NOT_IN_STAGE[stage]]
    if fitting:
        return fitting[0]
    return "relieved" if found and stage == "resolution" else ""


def _action(plain: str, setting: str) -> str:
    """The beat's first real sentence, minus an opening setting phrase and the time clause that follows it."""
    for sentence in iter_sentences(plain):
        rest = sentence
        if setting and rest.startswith(setting):
            rest = rest[len(setting) :]
        rest = rest.strip(" ,")
        # Drop a leading time clause ("one moonless night, ...") now carried by the time of day.
        parts = rest.split(", ", 1)
        if len(parts) == 2 and len(parts[0].split()) <= 8 and TIME_CLAUSE_RE.search(parts[0]):
            rest = parts[1]
            if setting and rest.lower().startswith(setting.lower()):  # "Ce soir-là, dans le moulin, ..."
                rest = rest[len(setting) :].strip(" ,")
        # "the news was on every tongue: the tyrant ..." - the clause before a colon is the action.
        head = _CLAUSE_END_RE.split(rest, maxsplit=1)[0]
        rest = head if len(head.split()) >= 4 else rest
        spoken = _LEADING_ATTRIBUTION_RE.sub("", rest.strip(" ,"))
        if spoken != rest.strip(" ,") and "," not in spoken:
            continue  # 'said the old woman.': only who spoke, no action
        rest = spoken
        if len(rest.split()) >= 3:
            return rest.rstrip(".")
    rest = plain.rstrip(".")
    # '"Run!" said Mira.' leaves only "said Mira", '« Un vol », dit son adjoint, Julien Blanc.' only who spoke.
    named = _LEADING_ATTRIBUTION_RE.sub("", rest.strip(" ,"))
    only_names = named != rest.strip(" ,") and all(w[:1].isupper() for w in named.split())
    return "" if _ATTRIBUTION_ONLY_RE.fullmatch(rest) or only_names else rest


_ATTRIBUTION_ONLY_RE = re.compile(
    rf"[\s,]*(?:\S+\s+)?(?:{SPEECH_VERBS})(?:-\w+|\s+the(?:\s+[a-z-]+)?\s+[a-z]+|\s+\S+)?[\s,]*"
)

# '"We can't," said Jonah Okoye, wiping rain from his eyes': the action is Jonah Okoye's, wiping rain.
_LEADING_ATTRIBUTION_RE = re.compile(
    rf"^(?:{SPEECH_VERBS})\s+(?:(?:his|her|their|the|son|sa|su|le|la|el)\s+[\w-]+,\s+)?(?=[A-Z]|the\s)"
)


def _world(story: str) -> tuple[str, frozenset[str]]:
    """Where the whole story happens: (a phrase, the words that name it). The place it says it is ("on Mars",
    "aboard the night train"), else the landscape most of its place words belong to ("in the mountains").

    Panels whose own place does not name it get it added, so every panel's scene can be drawn in that world.
    """
    match = _WORLD_RE.search(story)
    if match:
        return match.group(0), frozenset({match.group("key").lower()})
    counts = Counter(PLACE_BIOMES[w] for w in lower_words(story[:_WORLD_SCAN]) if w in PLACE_BIOMES)
    ranked = counts.most_common(2)
    if not ranked or ranked[0][1] < 3 or (len(ranked) > 1 and ranked[1][1] * 2 > ranked[0][1]):
        return "", frozenset()  # no landscape clearly leads
    biome = ranked[0][0]
    return BIOME_PHRASES[biome], frozenset(w for w, b in PLACE_BIOMES.items() if b == biome)


_NAMED_WORLDS = PLACE_NAMES | frozenset(VEHICLE_PLACES)

_WORLD_SCAN = 200_000  # characters read for the landscape: a longer story has long since said where it is

_WORLD_RE = re.compile(
    r"\b(?:on|aboard|in)\s+(?:(?:the|a|an)\s+)?(?:[a-z-]+\s+)?(?P<key>"
    + "|".join(sorted({n.capitalize() for n in PLACE_NAMES} | set(VEHICLE_PLACES), key=lambda w: (-len(w), w)))
    + r")\b"
)


def _foreign_world(story: str, beats: list[str]) -> tuple[str, ...] | None:
    """For a story in a glossary language: its world's English word when its first place names one (or nothing),
    else None."""
    if story_language(story) is None:
        return None
    first = scene_words(_setting(_without_quotes(beats[0])) or beats[0]) if beats else []
    return tuple(w for w in first[:1] if w in PLACE_BIOMES or w in PLACE_NAMES)


_SUBJECT_PRONOUN_RE = re.compile(r"\b(?:he|she|they|il|elle|ils|elles|él|ella|ellos)\b", re.I)


def panel_drafts(story: str, cast: list[str]) -> list[PanelDraft]:
    aliases = cast_aliases(list(dict.fromkeys(cast)))
    beats = _beats(story)
    foreign = _foreign_world(story, beats)
    world = _world(story) if foreign is None else ("", frozenset())  # a foreign story's world is in its words
    cast_words = frozenset(t for tokens, _ in aliases for t in tokens if t not in TITLES and t != "the")

    def is_cast(word: str) -> bool:  # "Cog-44" is a name; "Vask's" only a possessive
        parts = word_slug(word).split("-")
        return all(part in cast_words for part in parts)

    # Before the story names a place, panels use the first place it names at all.
    setting = next((found for found in (_setting(_without_quotes(b)) for b in beats) if found), "")
    panels = []
    last_person: str | None = None
    for index, beat in enumerate(beats):
        stage = _stage(index, len(beats))
        background, setting = _background(beat, setting, world, foreign, is_cast, stage)
        dialogue, speaker = panel_line(beat, aliases, last_person)
        narration = caption(beat)
        if speaker and ": " not in background:
            background = trim(f"{background}: {speaker} speaks", 240)
        characters = objects_in_view(beat, cast, panel_characters(beat, aliases, speaker))
        named = last_mentioned(_without_quotes(beat), aliases)
        if not characters and last_person and _SUBJECT_PRONOUN_RE.search(_without_quotes(beat)):
            characters = [last_person]  # "She checked every valve twice": whoever the story was just about
        last_person = named or last_person
        panels.append(
            PanelDraft(
                background=background,
                characters=characters,
                dialogue=dialogue,
                caption="" if narration == dialogue else narration,
            )
        )
    return panels
