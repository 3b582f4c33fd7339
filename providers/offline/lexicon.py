"""The shared vocabulary (data/words.toml, data/reader.toml): the same cue words steer the writer and the reader,
so a generated story round-trips."""

from domain.character import CharacterRole
from providers.offline.data import grouped, load, words

_W = load("words")
_R = load("reader")
_EVENTS = load("contest")["events"]
_CRAFTS = load("contest")["crafts"]

RSQUO = "\u2019"  # the typographic apostrophe, as in "Vask\u2019s"
APOSTROPHES = "'" + RSQUO

HUMANOIDS = words(_W["humanoids"])
FEMALE = words(_W["female"])
MALE = words(_W["male"])
CREATURES = words(_W["creatures"])
ROBOTS = words(_W["robots"])
SPEAKING_THINGS = words(_W["speaking_things"])
METALS = words(_W["metals"])
CITIES = words(_W["cities"])
KIN = words(_W["kin"])
HOMELY = words(_W["homely"])
FEATHERED = words(_W["feathered"])
FURRED = words(_W["furred"])
BARE = words(_W["bare"])
HULKING = words(_W["hulking"])
BIG_CREATURES = words(_W["big_creatures"])
OBJECTS = words(_W["objects"])
BIG_OBJECTS = words(_W["big_objects"])
GEMS = words(_W["gems"])
CONCEPTS = words(_W["concepts"])
ARTICLE_CONCEPTS = words(_W["article_concepts"])
BIOME_WORDS = words(_W["biome_words"])
SKY_WORLDS = words(_W["sky_worlds"])
HOSTILE_VERBS = words(_W["hostile_verbs"])
MENACE_VERBS = words(_W["menace_verbs"])
RIVAL_CUES = words(_W["rival_cues"])
FOE_CUES = words(_W["foe_cues"])
DETERMINERS = words(_W["determiners"])
PREPOSITIONS = words(_W["prepositions"])
MODALS = words(_W["modals"])
NOT_MODIFIERS = words(_W["not_modifiers"])
NOT_MODIFIER_WORDS = words(_W["not_modifier_words"])
PLACE_BIOMES = grouped(_W["place_biomes"])
# The words of the places with their own biome (data/places.toml): "a circus comes to town" is at the circus.
OWN_PLACES = frozenset(
    w for w, biome in PLACE_BIOMES.items() if biome in load("places")["biomes"] | load("outings")["biomes"]
)
ROLE_BIOMES = grouped(_W["role_biomes"])
BIOME_PHRASES: dict[str, str] = dict(_W["biome_phrases"])
CREATURE_BIOMES = grouped(_W["creature_biomes"])
HERO_CREATURE_BIOMES = grouped(_W["hero_creature_biomes"])
COLOURS: dict[str, str] = dict(_W["colours"])
VEHICLE_PLACES: dict[str, str] = dict(_W["vehicle_places"])
PLACE_AFTER = frozenset(w.replace("_", " ") for w in _W["cues"]["place_after"].split())
PLACE_BEFORE = words(_W["cues"]["place_before"])
MYSTERY_CUES = words(_W["cues"]["mystery"])
ROUTINE_VERBS = words(_W["cues"]["routine_verbs"])
PAST_TENSE: dict[str, str] = dict(_W["past_tense"])
FEMININE: dict[str, str] = dict(_W["feminine"])
# The competition a cue word names ({"banquet": "banquet", "races": "race"}); EVENTS in file order, the most
# particular first, so "compete for a royal banquet" is a banquet.
EVENT_CUES: dict[str, str] = {cue: key for key, event in _EVENTS.items() for cue in event["cues"].split()}
EVENTS: tuple[str, ...] = tuple(_EVENTS)
# A hero's craft by the hero's noun (a chef cooks in a kitchen): its phrases, and "default" for any other noun.
CRAFTS: dict[str, dict[str, str]] = _CRAFTS
CRAFT_OF: dict[str, str] = {noun: key for key, craft in _CRAFTS.items() for noun in craft.get("nouns", "").split()}

ABBREVIATIONS = words(_R["abbreviations"])
SPEECH_VERBS = "|".join(_R["speech_verbs"].split())  # a regex alternation
STOPWORDS = words(_R["stopwords"])
TITLES = words(_R["titles"])
TITLE_PREFIXES = words(_R["title_prefixes"])
PLACE_NAME_WORDS = words(_R["place_name_words"])
PLACE_PREPOSITIONS = words(_R["place_prepositions"])
ANTAGONIST_CUES = words(_R["antagonist_cues"])
SUPPORT_CUES = words(_R["support_cues"])
MENTOR_CUES = words(_R["mentor_cues"])
SNEER_VERBS = words(_R["sneer_verbs"])
CONCEPT_CUES = words(_R["concept_cues"])
DEMEANORS: list[str] = _R["demeanors"].split()
DEFAULT_DEMEANOR: dict[CharacterRole, str] = dict(_R["default_demeanor"])
ERA_CUES: tuple[tuple[str, frozenset[str]], ...] = tuple((era, words(cues)) for era, cues in _R["era_cues"].items())
SETTING_PREPOSITIONS = "|".join(p.replace("_", " ") for p in _R["setting_prepositions"].split())  # a regex alternation
NOT_PLACES = words(_R["not_places"])
PLACE_NAMES = words(_R["place_names"])
PRESENT_BY = words(_R["present_by"])
CLOTHING = words(_R["clothing"])
REPORT_CUES = words(_R["report_cues"])
TIME_WORDS: tuple[tuple[str, str], ...] = tuple((cue, phrase) for cue, phrase in _R["time_words"])
MOODS: tuple[tuple[str, str], ...] = tuple((pattern, mood) for pattern, mood in _R["moods"])
ACTIONS: tuple[tuple[str, str], ...] = tuple((pattern, word) for pattern, word in _R["actions"])
