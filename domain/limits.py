"""The documented maximum of every text and list a user may send (README "Limits"; the OpenAPI schema shows them).

They bound what an edit or a request may carry; what a model generates is trimmed to the same bounds.
"""

TITLE_MAX = 200
PROMPT_MAX = 4000
STORY_TEXT_MAX = 200_000
NAME_MAX = 120
BRIEF_MAX = 2000
DESCRIPTION_MAX = 500  # era, visual form, demeanor
LIST_ITEM_MAX = 200  # one colour or distinctive marker
PALETTE_MAX_ITEMS = 8
MARKERS_MAX_ITEMS = 12
BACKGROUND_MAX = 2000
DIALOGUE_MAX = 1000
PANEL_CHARACTERS_MAX = 12
PANELS_MAX = 200
CHARACTERS_MAX = 50
