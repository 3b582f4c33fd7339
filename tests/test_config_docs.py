"""Every setting is documented in README.md and .env.example (docs that match the code)."""

from pathlib import Path

from core.config import Settings

ROOT = Path(__file__).resolve().parent.parent


def test_every_setting_is_documented() -> None:
    readme = (ROOT / "README.md").read_text()
    example = (ROOT / ".env.example").read_text()
    for name in Settings.model_fields:
        variable = name.upper()
        assert f"`{variable}`" in readme, variable
        assert variable in example, variable
