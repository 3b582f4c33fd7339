"""Name helpers shared by the storytellers and the asset manager."""

import re
import unicodedata


def slugify(name: str) -> str:
    """`name` as a slug: lower-case, diacritics stripped (NFKD), each run of non-alphanumerics one '-', trimmed.

    Letters outside the Latin alphabet are kept rather than dropped, so a name written entirely in another script
    still gets a non-empty slug ("Zoë O'Brien" -> "zoe-o-brien").
    """
    decomposed = unicodedata.normalize("NFKD", name)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return re.sub(r"[\W_]+", "-", bare.lower()).strip("-")
