"""Prompts and stories in other languages (data/glossary.toml): which language, and its known words in English."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from providers.offline.data import load, words
from providers.offline.lexicon import (
    APOSTROPHES,
    CONCEPTS,
    CREATURES,
    DETERMINERS,
    EVENT_CUES,
    HUMANOIDS,
    OBJECTS,
    PLACE_BIOMES,
    PLACE_NAMES,
    PREPOSITIONS,
)
from providers.offline.text import plural, singular

_G = load("glossary")
_GLOSSARY = _G["languages"]
_SCRIPTS = _G["scripts"]
_EMOJI: dict[str, str] = _G["emoji"]
_EMOJI_RE = re.compile("|".join(re.escape(e) for e in sorted(_EMOJI, key=len, reverse=True)))
# Words that name a thing only together ("pista de hielo": an ice rink, though a "pista" alone is a track or a trail).
_PHRASES: dict[str, dict[str, str]] = {code: table.get("phrases", {}) for code, table in _GLOSSARY.items()}
_PHRASE_RES = {
    code: re.compile(rf"\b(?:{'|'.join(re.escape(k) for k in sorted(table, key=len, reverse=True))})\b", re.I)
    for code, table in _PHRASES.items()
    if table
}
_MARKERS = {code: words(table["markers"]) for code, table in _GLOSSARY.items()}
_FEMININE = {code: words(table["feminine"]) for code, table in _GLOSSARY.items() if "feminine" in table}
_ENGLISH_MARKERS = (DETERMINERS | PREPOSITIONS | {"and", "is", "are", "who", "where"}) - {"in", "on", "a"}
_WORD_RE = re.compile(rf"[^\W\d_]+(?:[{APOSTROPHES}-][^\W\d_]+)*")
_ELIDED_RE = re.compile(rf"^(?:[ldjmnst]|qu)[{APOSTROPHES}]", re.I)  # "l'aube", "d'un", "qu'un"
# Han, kana and hangul: scripts whose words the glossary finds without spaces.
_CJK_RE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
_KANA_RE = re.compile(r"[\u3040-\u30ff]")
_HANGUL_RE = re.compile(r"[\uac00-\ud7af]")


@dataclass(frozen=True)
class Glossed:
    """A foreign prompt: its language (code and English name) and the prompt with every known word in English."""

    code: str
    language: str
    english: str


def gloss(prompt: str) -> Glossed | None:
    """The prompt glossed when it is mostly another language (its small words, or its script), else None."""
    if _written_in_cjk(prompt):
        return _gloss_script(prompt)
    code = language_of(prompt)
    if code is None:
        return None
    table: dict[str, str] = _GLOSSARY[code]["words"]
    glossed = _WORD_RE.sub(lambda m: _word_gloss(table, m.group(0)), _phrased(prompt, code))
    return Glossed(code, _GLOSSARY[code]["name"], glossed)


def _phrased(text: str, code: str | None = None) -> str:
    """`text` with the phrases of the language `code` (of every glossary language when None) in English."""
    for lang, pattern in _PHRASE_RES.items():
        if code in (None, lang):
            phrases = _PHRASES[lang]
            text = pattern.sub(lambda m: phrases[m.group(0).lower()], text)  # noqa: B023 (used at once)
    return text


def _word_gloss(table: dict[str, str], word: str) -> str:
    """The English of `word`: the glossary's, else the plural of the noun it is the plural of ("deux dragons",
    "deux sirènes": two dragons, two mermaids), else the word itself."""
    low = word.lower()
    if low in table:
        return table[low]
    elided = _ELIDED_RE.match(low)
    if elided and low[elided.end() :] in table:  # "dans l'océan": in the ocean
        return f"{_ELIDED.get(elided.group(0)[:-1], '')} {table[low[elided.end() :]]}".strip()
    stem = _plural_stem(table, low)
    return plural(table[stem]) if stem else word


_ELIDED = {"l": "the", "d": "of"}


def _plural_stem(table: dict[str, str], word: str) -> str | None:
    """The glossary noun `word` is the plural of, when it is one of a thing or a being: "sirènes" -> "sirène", and
    a Spanish plural that drops the accent, "dragones" -> "dragón", "delfines" -> "delfín"."""
    if len(word) <= 3 or word[-1] not in "sx":
        return None
    stems = [word[:-1], *([word[:-2]] if word.endswith("es") else [])]
    found = [stem for stem in stems if table.get(stem) in _NOUNS]
    found += [key for stem in stems[1:] for key in _unaccented(table).get(stem, ()) if table[key] in _NOUNS]
    return found[0] if found else None


_UNACCENTED: dict[int, dict[str, list[str]]] = {}


def _unaccented(table: dict[str, str]) -> dict[str, list[str]]:
    """The table's words by their letters without accents ("dragon" -> ["dragón"]), for a plural that drops one."""
    if id(table) not in _UNACCENTED:
        index: dict[str, list[str]] = {}
        for key in table:
            if _bare(key) != key:
                index.setdefault(_bare(key), []).append(key)
        _UNACCENTED[id(table)] = index
    return _UNACCENTED[id(table)]


def _written_in_cjk(text: str) -> bool:
    cjk = len(_CJK_RE.findall(text[:400]))
    return cjk >= 2 and cjk * 2 >= len(re.findall(r"[A-Za-z]", text[:400]))


def story_language(text: str) -> str | None:
    """The code of the language a story is written in when it is not English ('fr', 'ja'), else None."""
    return _gloss_script(text[:200]).code if _written_in_cjk(text) else language_of(text)


def language_of(text: str) -> str | None:
    """The code of the glossary language whose small words outnumber English ones in `text`'s first 200 words."""
    found = [_ELIDED_RE.sub("", w.lower()) for w in _WORD_RE.findall(text[:3000])[:200]]
    english = sum(w in _ENGLISH_MARKERS for w in found)
    # Small words shared by two languages ("un") tie: the one whose glossary knows more of the words wins.
    scores = [
        (sum(w in markers for w in found), sum(w in _GLOSSARY[code]["words"] for w in found), code)
        for code, markers in _MARKERS.items()
    ]
    best, _, code = max(scores)
    return code if best >= 2 and best > english else None


def _gloss_script(prompt: str) -> Glossed:
    code = "ko" if _HANGUL_RE.search(prompt) else "ja" if _KANA_RE.search(prompt) else "zh"
    table, pattern = _script_table(code)
    # Spaces around each gloss, so the English words stand apart from the characters around them.
    return Glossed(code, _SCRIPTS[code]["name"], pattern.sub(lambda m: f" {table[m.group(0)]} ", prompt))


@cache
def _script_table(code: str) -> tuple[dict[str, str], re.Pattern[str]]:
    table: dict[str, str] = _SCRIPTS[code]["words"]
    return table, re.compile("|".join(re.escape(w) for w in sorted(table, key=len, reverse=True)))


def native(prompt: str, code: str, english: str) -> tuple[str, str] | None:
    """The prompt's own word that glosses to `english` ('sorcière' for 'witch') and its gender ('m' or 'f'): the
    glossary's, or the article's before a word of either ('une détective', 'la detective'); else the glossary's
    word for it, when the prompt says it in English."""
    if code not in _GLOSSARY:
        return None  # a script's words have no articles to tell a gender by
    table: dict[str, str] = _GLOSSARY[code]["words"]
    before = ""
    for match in _WORD_RE.finditer(prompt):
        word = _ELIDED_RE.sub("", match.group(0).lower())
        word = word if word in table else _plural_stem(table, word) or word  # "deux dragons": one dragon
        if table.get(word) == english or (table.get(word) == plural(english) and word != english):
            # "deux chefs", "dos caballeros": the one of them the story follows, "chef", "caballero"
            word = word if table[word] == english else _singular_of(table, word, english)
            feminine = word in _FEMININE.get(code, ()) or before in _FEMININE_ARTICLES
            return word, "f" if feminine else "m"
        before = word
    # "a knight y un dragón": the prompt says it in English; the tale says it in its own words, "caballero".
    own = next((key for key, gloss in table.items() if gloss == english and key != english), None)
    return (own, "f" if own in _FEMININE.get(code, ()) else "m") if own else None


def _singular_of(table: dict[str, str], word: str, english: str) -> str:
    """The glossary's word for one `english` that the plural `word` starts with ('caballeros' -> 'caballero',
    'delfines' -> 'delfín', whose plural drops the accent)."""
    return next((k for k, gloss in table.items() if gloss == english and _bare(word).startswith(_bare(k))), word)


def _bare(word: str) -> str:
    """`word` without its accents: 'dragón' -> 'dragon'."""
    return unicodedata.normalize("NFD", word).encode("ascii", "ignore").decode()


_FEMININE_ARTICLES = {"une", "la", "una", "cette", "esta"}


@cache
def _reading_table() -> dict[str, str]:
    """Every glossary language's nouns and scene words, for reading a story in any of them."""
    table: dict[str, str] = {}
    for language in _GLOSSARY.values():
        table.update(language.get("scene", {}))
        table.update(language["words"])
    return table


def english(word: str) -> str:
    """`word` in English when a glossary knows it ('chat' -> 'cat', "l'aube" -> 'dawn'), else `word` itself."""
    low = _ELIDED_RE.sub("", word.lower())
    return _reading_table().get(low, word)


def scene_words(text: str) -> list[str]:
    """The English of each place and time word of `text` a glossary knows, in order, each once: what the renderer,
    which reads English, needs to draw a scene a story in another language describes."""
    found: dict[str, None] = {}
    if _CJK_RE.search(text):
        text = _gloss_script(text).english  # "火星の庭" -> " mars の garden "
    text = _phrased(text)  # "en la pista de hielo": at the rink
    for match in _WORD_RE.finditer(text):
        word = english(match.group(0))
        if word in _scene_english():
            found[word] = None
    return list(found)


@cache
def _scene_english() -> frozenset[str]:
    scene = {word for language in _GLOSSARY.values() for word in language.get("scene", {}).values()}
    return frozenset(scene | PLACE_BIOMES.keys() | PLACE_NAMES)


def emoji_words(prompt: str) -> str:
    """The prompt with each emoji the glossary knows as its word ('🐉🔥' -> ' dragon and 🔥'): one thing each, so
    '🦄🐉' is a unicorn and a dragon, not a unicorn dragon."""
    return _EMOJI_RE.sub(lambda m: f" {_EMOJI[m.group(0)]} and ", prompt)


def mixed(prompt: str) -> str:
    """An English prompt with a French or Spanish article and noun in it ("un robot on Mars", "el gato and the dog",
    "une course against a dragon"): each such pair in English, so no "an un robot" reaches the story."""
    return _ARTICLE_NOUN_RE.sub(_english_pair, prompt)


def _english_pair(match: re.Match[str]) -> str:
    noun = _reading_table().get(match.group(2).lower())
    if noun is None or singular(noun) not in _NOUNS:
        return match.group(0)
    article = _ARTICLES[match.group(1).lower()]
    article = "an" if article == "a" and noun[:1] in "aeiou" else article
    return f"{article.capitalize() if match.group(1)[:1].isupper() else article} {noun}"


_ARTICLES = {"un": "a", "une": "a", "una": "a", "el": "the", "le": "the", "la": "the", "les": "the", "los": "the"}
_ARTICLES |= {"las": "the", "des": "some", "unos": "some", "unas": "some"}
_ARTICLE_NOUN_RE = re.compile(rf"\b({'|'.join(_ARTICLES)})\s+([^\W\d_][\w{APOSTROPHES}-]*)", re.I)
_NOUNS = HUMANOIDS | CREATURES | OBJECTS | CONCEPTS | PLACE_BIOMES.keys() | PLACE_NAMES | EVENT_CUES.keys()
