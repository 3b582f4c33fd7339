"""Every prompt the service sends, in one versioned place."""

from domain.character import Character, CharacterType
from domain.panel import Panel
from domain.style import DEFAULT_STYLE, STYLE_PROMPTS, Style

PROMPT_VERSION = "2026-12-01.1"

STORY_SYSTEM_PROMPT = """You are a comic-book writer. Write a short, vivid story that follows the hero's journey:
the ordinary world, the call to adventure, refusal, meeting a mentor, crossing the threshold, tests and allies,
the ordeal, the reward, the road back, and the return transformed. Give every named character a clear look and
voice. Use short paragraphs, each a scene that could become a comic panel, and include spoken lines in double
quotes. About 600-900 words. Plain text only, no headings."""

CHARACTERS_SYSTEM_PROMPT = """You extract the cast of a comic from its story. List every named character (people,
creatures, personified concepts, important objects). For each give: name exactly as in the story, a brief, the
character_type (humanoid, creature, concept or object), era, visual_form, a colour palette of 3-5 hex colours,
distinctive markers, demeanor, and role (protagonist, antagonist, supporting or minor). Invent consistent visual
details where the story is silent."""

PANELS_SYSTEM_PROMPT = """You break a story into comic panels, in story order, 6 to 12 of them. For each panel
give the background (place, time of day, mood and action), the characters present, and the dialogue or caption.
Characters must be chosen only from this cast, spelled exactly: {cast}. A panel may have no characters."""

_SHEET_LAYOUT: dict[CharacterType, str] = {
    "humanoid": "character turnaround sheet: front, three-quarter, side and back views, full body, neutral pose",
    "creature": "creature reference sheet: full body side view, head close-up, scale silhouette, anatomy details",
    "concept": "symbolic, abstract rendering of a personified concept: emblem, motifs and a colour field",
    "object": "product-style reference sheet: hero view, top and side orthographic views, material close-up",
}


def character_sheet_prompt(character: Character, style: Style = DEFAULT_STYLE) -> str:
    """Type-aware prompt for a character's reference sheet, in the project's style preset."""
    details = [
        character.brief,
        f"era: {character.era}" if character.era else "",
        f"form: {character.visual_form}" if character.visual_form else "",
        f"palette: {', '.join(character.color_palette)}" if character.color_palette else "",
        f"distinctive: {', '.join(character.distinctive_markers)}" if character.distinctive_markers else "",
        f"demeanor: {character.demeanor}" if character.demeanor else "",
    ]
    described = "; ".join(d for d in details if d)
    return (
        f"{_SHEET_LAYOUT[character.character_type]} of {character.name}. {described}. "
        f"Style: {STYLE_PROMPTS[style]}. Plain light background, consistent design across views."
    )


def panel_prompt(panel: Panel, cast: list[str], style: Style = DEFAULT_STYLE) -> str:
    """Prompt for one panel in the project's style: the scene and who is in it (matching the reference images, in
    order), and no text.

    The service letters every panel itself (balloons, captions, sound effects as a layer over the art), so the
    model is asked for art only, with room left at the top for the balloons; the dialogue is not sent.
    """
    who = (
        f" Featuring {', '.join(cast)}, left to right, matching the reference images in that order, in character."
        if cast
        else " No characters in frame."
    )
    talking = " The characters are mid-conversation: expressive faces and gestures." if panel.dialogue.strip() else ""
    return (
        f"Comic panel in {STYLE_PROMPTS[style]}. Scene: {panel.background}.{who}{talking} "
        "No text of any kind: no speech balloons, no captions, no lettering, no sound effects, no signs or labels; "
        "leave the top quarter of the frame uncluttered for lettering added later."
    )
