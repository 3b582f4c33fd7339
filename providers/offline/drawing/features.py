"""What a person's profile text says of their hair, face and sex, for humanoids.human_look: "a silver braid", "red
hair", "a white beard", "one cloudy eye", "a scar", and whether the words call them he or she ("his ropes",
"Grandmother", "a girl"), so a man the story calls he is not drawn with a bun."""

from __future__ import annotations

import re

from providers.offline.data import load
from providers.offline.drawing.colour import RGB, parse_colour
from providers.offline.drawing.pen import has_any

# Hair styles (HumanLook.hair_style): short, long (falls to the shoulders), a bun, bald.
SHORT, LONG, BUN, BALD = 0, 1, 2, 3

# Words that say how the hair is worn, in this order (a "long braid in a bun" is a bun).
_STYLE_WORDS: tuple[tuple[int, tuple[str, ...]], ...] = tuple(
    (style, tuple(words.split("|")))
    for style, words in (
        (BALD, "bald|shaved head|shaven head|hairless"),
        (BUN, "bun|topknot|top-knot|chignon"),
        (LONG, "braid|plait|ponytail|pigtail|long hair|flowing hair|mane of hair|long locks|hair to her waist"),
        (SHORT, "short hair|cropped hair|crew cut|buzz cut|close-cropped|curls|curly hair"),
    )
)

# What a hair colour word is drawn as: natural shades, not the CSS colour ("red hair" is auburn, not #ff0000).
_HAIR_COLOURS: dict[str, RGB] = {
    "red": (168, 62, 34), "ginger": (196, 98, 44), "auburn": (140, 62, 36), "copper": (184, 96, 52),
    "rust": (168, 72, 40), "fiery": (190, 70, 36), "strawberry": (214, 132, 86),
    "blonde": (226, 188, 104), "blond": (226, 188, 104), "golden": (222, 176, 80), "fair": (230, 200, 128),
    "yellow": (232, 196, 96), "flaxen": (232, 210, 150), "straw": (226, 200, 120), "honey": (206, 150, 70),
    "black": (34, 30, 34), "raven": (30, 28, 36), "jet": (26, 24, 28), "dark": (48, 36, 32),
    "brown": (110, 70, 40), "chestnut": (124, 64, 36), "brunette": (96, 60, 36), "mousy": (150, 120, 90),
    "white": (238, 238, 234), "snowy": (240, 240, 236),
    "silver": (200, 202, 210), "silvery": (200, 202, 210), "grey": (186, 186, 190), "gray": (186, 186, 190),
    }  # fmt: skip
_HAIR_NOUNS = frozenset(
    "hair haired braid braids plait plaits ponytail pigtails curls locks bun mane beard bearded moustache mustache "
    "whiskers".split()
)
_FACIAL = ("beard", "bearded", "moustache", "mustache", "whiskers")

# Whom the words call he or she: pronouns, the nouns of a man or a woman, and the titles before a name; a French or
# Spanish tale's too ("elle", "une reine", "el viejo maestro").
_SEXES = load("looks")["sex_words"]
_TALE_MALE = frozenset(_SEXES["m_tale"].split())
_TALE_FEMALE = frozenset(_SEXES["f_tale"].split())
_MALE = frozenset(_SEXES["m"].split()) | _TALE_MALE
_FEMALE = frozenset(_SEXES["f"].split()) | _TALE_FEMALE
_WORD_RE = re.compile(r"[^\W\d_]+")


# The story's own colours (data/words.toml), which its palettes are made of: a "brown hat" is the brown of a brown
# coat, not CSS brown (a brick red); an "amber hat", which CSS does not know, is amber.
_STORY_COLOURS: dict[str, str] = dict(load("words")["colours"])


def worn_colour(word: str) -> RGB | None:
    """The colour a word names as CSS does ('deep teal'), but for the colours CSS has none of (amber) or makes
    another colour of (its brown is a brick red, its violet a pink), which are the story's palettes'; else None."""
    key = word.strip().lower()
    css = parse_colour(word) if key not in _CSS_MISREAD else None
    hex_ = _STORY_COLOURS.get(key)
    return css or (parse_colour(hex_) if hex_ else None)


_CSS_MISREAD = frozenset({"brown", "violet"})


_POSSESSIVE_RE = re.compile(r"\b[a-z]+['\u2019]s\b")


_HE = frozenset({"he", "him", "his", "himself", "il", "él"})
_SHE = frozenset({"she", "her", "hers", "herself", "elle", "ella"})
# "Il y a", "il faut": no one's pronoun.
_IMPERSONAL_RE = re.compile(r"\bil (?:y|faut|fallait|était une fois|fait|faisait)\b")


def sex(name: str, text: str) -> str | None:
    """'m' or 'f' when the words say (a title before the name counts thrice: "King", "Granny"; so does the article
    of a French or Spanish appositive: "Hildis Flinthold, une contrebandière"), else None."""
    title = _WORD_RE.findall(name.lower())[:1]
    # Not whose a thing is: "a yellow fisherman's sweater" on a woman the story calls she.
    words = _WORD_RE.findall(_POSSESSIVE_RE.sub(" ", _IMPERSONAL_RE.sub(" ", text.lower())))
    # A pronoun counts twice: "a hedge-witch ... in his faded coat" is a he, whatever the trade's word.
    male = sum(1 + (w in _HE) for w in words if w in _MALE) + 2 * sum(w in _MALE for w in title)
    female = sum(1 + (w in _SHE) for w in words if w in _FEMALE) + 2 * sum(w in _FEMALE for w in title)
    apposed = _apposed(name, text.lower())
    male, female = male + 3 * (apposed == "m"), female + 3 * (apposed == "f")
    return "m" if male > female else "f" if female > male else None


# A French or Spanish appositive's first words: "Ragias Frosthold, le vieux maître de Gudias".
_ARTICLE_SEXES = {"un": "m", "le": "m", "el": "m", "une": "f", "la": "f", "una": "f"}
_APPOSED_RE = re.compile(r"\s*,\s*(une|una|un|le|la|el|l['\u2019])\b\s*([^\W\d_]+)?(?:\s+([^\W\d_]+))?")


def _apposed(name: str, text: str) -> str | None:
    """Whom the appositive right after the name calls he or she in a French or Spanish brief: its article agrees
    with the person's noun ("une contrebandière", "el viejo maestro"), though a noun of one sex wins ("el ama de
    llaves" is a she) and "l'" says nothing but its noun. Only that article counts: "son manteau", "sa lanterne" and
    "su capa" agree with the thing, and "la" and "le" elsewhere may be an object pronoun ("la regardait")."""
    # Past the name the text opens with (once or twice, or its words taken out: humanoids._unnamed).
    named = "|".join(re.escape(w) for w in _WORD_RE.findall(name.lower()))
    at = re.match(rf"(?:\s|\b(?:{named})\b)*", text).end() if named else 0  # type: ignore[union-attr]
    match = _APPOSED_RE.match(text, at)
    if match is None:
        return None
    article, *nouns = match.groups()
    said = {"m" for w in nouns if w in _TALE_MALE} | {"f" for w in nouns if w in _TALE_FEMALE}
    if len(said) == 1:
        return said.pop()
    return _ARTICLE_SEXES.get(article)


def hair_style(text: str, drawn: int, who: str | None, hatted: bool = False) -> int:
    """How the hair is worn: as the text says ("a silver braid": long), else in keeping with whom the words call
    him or her (a man short-haired, a woman's long or in a bun; long under a hat, which hides a bun and would
    leave a queen in her crown short-haired), else the style `drawn`."""
    said = next((style for style, words in _STYLE_WORDS if has_any(text, words)), None)
    if said is not None:
        return LONG if said == SHORT and who == "f" and has_any(text, ("curls", "curly hair")) else said
    if who == "m":
        return SHORT
    if who == "f":
        return LONG if drawn == SHORT or (hatted and drawn == BUN) else drawn
    return drawn


def hair_colour(text: str) -> tuple[RGB | None, bool]:
    """The colour the text gives the hair or beard ("red hair", "a long white beard", "silver braid", "dark-haired"),
    or None; and whether it said so of a beard only (a white beard on a man of any hair)."""
    words = _WORD_RE.findall(text.lower().replace("-", " "))
    for i, word in enumerate(words):
        if word not in _HAIR_NOUNS:
            continue
        for before in reversed(words[max(0, i - 2) : i]):  # "a long white beard", "red curly hair"
            colour = _HAIR_COLOURS.get(before) or (parse_colour(before) if before not in _NOT_COLOURS else None)
            if colour is not None:
                return colour, word in _FACIAL
    return None, False


_NOT_COLOURS = frozenset({"long", "short", "her", "his", "its", "their", "a", "the", "with", "and", "of", "thin"})


def bearded(text: str) -> bool:
    """Whether the text gives a beard (whiskers too; a moustache alone is no beard)."""
    return has_any(text, ("beard", "bearded", "whiskers"))


def moustached(text: str) -> bool:
    """Whether the text gives a moustache."""
    return has_any(text, ("moustache", "mustache", "moustached", "mustached"))


def eye_patch(text: str) -> bool:
    """An eyepatch, or one eye gone: drawn as a patch over one eye."""
    return has_any(text, ("eyepatch", "eye patch", "eye-patch", "one-eyed"))


def cloudy_eye(text: str) -> bool:
    """One pale eye ("one cloudy eye", "a milky eye", "a glass eye")."""
    return bool(re.search(r"\b(?:cloudy|milky|clouded|glass|blind|white)\s+eye\b", text.lower()))


def scarred(text: str) -> bool:
    """A scar on the face."""
    return has_any(text, ("scar", "scarred"))
