"""Phase 3: render a character's reference sheet (image generation model, type-aware prompt)."""

from temporalio import activity

from activities.rendering import render_once
from contracts.activities import RenderCharacterInput
from domain.artifact import Artifact
from providers.images import ImageProvider
from providers.media_store import MediaStore
from providers.prompts import character_sheet_prompt


class CharacterRenderActivities:
    """Character sheets on the injected image provider, stored in the media store."""

    def __init__(self, images: ImageProvider, media: MediaStore) -> None:
        self.images = images
        self.media = media

    @activity.defn(name="render_character")
    async def render_character(self, request: RenderCharacterInput) -> Artifact:
        """Render and store the sheet (once per render request, see activities.rendering); return its Artifact."""
        prompt = character_sheet_prompt(request.character, request.style)
        stem = f"{request.project_id}/characters/{request.character.id}-{request.render_id}"
        return await render_once(
            self.media, stem, prompt, lambda: self.images.render_character(request.character, prompt, request.style)
        )
