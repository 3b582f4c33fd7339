"""Phase 5: render a panel (edit model compositing character references, or generation model without any)."""

from temporalio import activity

from activities.rendering import load_own, render_once
from contracts.activities import RenderPanelInput, SheetRef
from domain.artifact import Artifact
from providers.images import ImageProvider, ReferenceImage, RenderedImage
from providers.media_store import MediaStore
from providers.prompts import panel_prompt

MISSING_SHEET = "MissingReferenceSheet"


class PanelRenderActivities:
    """Panel renders on the injected image provider, stored in the media store."""

    def __init__(self, images: ImageProvider, media: MediaStore) -> None:
        self.images = images
        self.media = media

    async def _reference(self, request: RenderPanelInput, sheet: SheetRef) -> ReferenceImage:
        data = await load_own(
            self.media,
            sheet.key,
            f"{request.project_id}/characters/{sheet.character_id}",  # that very character's own sheet
            error_type=MISSING_SHEET,
            foreign=f"reference of {sheet.name} is not this project's sheet",
            missing=f"the reference sheet of {sheet.name} is missing from the media store",
        )
        return ReferenceImage(name=sheet.name, data=data)

    @activity.defn(name="render_panel")
    async def render_panel(self, request: RenderPanelInput) -> Artifact:
        """Render and store the panel (once per render request, see activities.rendering); return its Artifact."""
        prompt = panel_prompt(request.panel, [sheet.name for sheet in request.references], request.style)

        async def render() -> RenderedImage:
            references = [await self._reference(request, sheet) for sheet in request.references]
            return await self.images.render_panel(request.panel, prompt, references, request.style)

        stem = f"{request.project_id}/panels/{request.panel.id}-{request.render_id}"
        return await render_once(self.media, stem, prompt, render)
