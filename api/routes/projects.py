"""Project CRUD, scoped to the authenticated user."""

from typing import Annotated
from urllib.parse import quote
from uuid import UUID

from fastapi import APIRouter, HTTPException, Query, Request, Response, status

from activities.export import MEDIA_TYPES as EXPORT_MEDIA_TYPES
from api.body_cache import BodyCache
from api.comic import delete_project, send_update
from api.deps import (
    CurrentUser,
    OwnedProject,
    PricesDep,
    RepositoryDep,
    SettingsDep,
    SignerDep,
    TemporalDep,
    not_found,
)
from api.schemas import ProjectCreate, ProjectOut, ProjectPage, ProjectSummary, ProjectUpdate
from contracts import workflows as names
from contracts.activities import ExportFormat
from contracts.workflows import EditRequest, ExportRequest, Snapshot
from core.media_urls import MediaSigner
from db.models import Project
from db.projects import ProjectRepository, owned_version
from domain.artifact import Artifact
from domain.edits import StateEdit
from domain.state import ConsolidatedComicState
from domain.story import Story
from domain.usage import PriceTable, usage_report
from providers.media_store import MediaStore

router = APIRouter(prefix="/projects", tags=["projects"])
FormatQuery = Annotated[ExportFormat, Query(description="pdf, cbz (ComicInfo.xml inside) or png (a zip of pages)")]


def project_out(project: Project, signer: MediaSigner, prices: PriceTable) -> ProjectOut:
    """The API view of a stored project, its artifacts with signed URLs and its usage priced."""
    state = signer.sign_state(ConsolidatedComicState.from_stored(project.state))
    return ProjectOut(
        usage=usage_report([state.usage], prices),
        id=project.id,
        title=project.title,
        version=project.version,
        phases=state.phases,
        state=state,
        created_at=project.created_at,
        updated_at=project.updated_at,
    )


def _drop_echoed_urls(edit: StateEdit, signer: MediaSigner) -> None:
    """Echoed artifacts may carry the URLs we handed out, but only of their own key: then the URL is dropped."""
    for path, artifact in edit.echoed_artifacts():
        if artifact.url is not None and signer.key_of(artifact.url) != artifact.key:
            raise HTTPException(
                status.HTTP_422_UNPROCESSABLE_CONTENT,
                f"Invalid edit: {path}.url: not the URL of this artifact's media (artifacts are set by the pipeline)",
            )
        artifact.url = None


@router.get("", response_model=ProjectPage)
async def list_projects(
    user: CurrentUser,
    repo: RepositoryDep,
    signer: SignerDep,
    prices: PricesDep,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    offset: Annotated[int, Query(ge=0, le=1_000_000_000)] = 0,
) -> ProjectPage:
    """The caller's projects, newest first."""
    page = await repo.list(user, limit=limit, offset=offset)
    items = [
        ProjectSummary.model_validate(project_out(p, signer, prices).model_dump(exclude={"state", "usage"}))
        for p in page.items
    ]
    return ProjectPage(items=items, total=page.total, limit=limit, offset=offset)


@router.post("", response_model=ProjectOut, status_code=status.HTTP_201_CREATED)
async def create_project(
    body: ProjectCreate, user: CurrentUser, repo: RepositoryDep, signer: SignerDep, prices: PricesDep
) -> ProjectOut:
    """Create an empty project (optionally with a story prompt)."""
    state = ConsolidatedComicState(story=Story(prompt=body.prompt), style=body.style)
    project = await repo.create(user, body.title, state.model_dump(mode="json"))
    return project_out(project, signer, prices)


@router.get(
    "/{project_id}",
    response_model=ProjectOut,
    responses={304: {"description": "Unchanged since the ETag in If-None-Match"}},
)
async def get_project(
    project_id: UUID, user: CurrentUser, signer: SignerDep, prices: PricesDep, request: Request
) -> Response:
    """A project with its full state, as last persisted (GET /phase/status/{id} has live progress).

    The `ETag` names the version (and the media URLs' expiry bucket): send it as `If-None-Match` for a 304.
    """
    # The hot path is one round trip for the version and no session; the row is read only when no body is cached.
    version = await owned_version(request.app.state.engine, project_id, user)
    if version is None:
        raise not_found(project_id)
    exp = signer.expiry()
    etag = f'W/"{version}-{exp}"'
    headers = {"ETag": etag, "Cache-Control": "private, no-cache"}
    if request.headers.get("if-none-match") == etag:
        return Response(status_code=status.HTTP_304_NOT_MODIFIED, headers=headers)
    cache: BodyCache = request.app.state.body_cache
    body = cache.get((project_id, version, exp))
    if body is None:
        async with request.app.state.sessionmaker() as session:
            project = await ProjectRepository(session).get(project_id, user)
        if project is None:
            raise not_found(project_id)
        body = project_out(project, signer, prices).model_dump_json().encode()
        # Filed under the version read with it (a write may have landed since the version was looked up).
        cache.put((project_id, project.version, exp), body)
        headers["ETag"] = f'W/"{project.version}-{exp}"'
    return Response(body, media_type="application/json", headers=headers)


@router.patch("/{project_id}", response_model=ProjectOut)
async def update_project(
    body: ProjectUpdate,
    project: OwnedProject,
    client: TemporalDep,
    settings: SettingsDep,
    repo: RepositoryDep,
    signer: SignerDep,
    prices: PricesDep,
) -> ProjectOut:
    """Change the title and/or the content of the state, if `version` is still current (else 409).

    Only user content may change (see the README's Security section); a pipeline-owned field may be sent back
    unchanged, and a change to one is a 422 naming it. The edit goes through the project's workflow, the single
    writer of its state, so a render finishing at the same moment neither loses the edit nor is lost; it answers
    once the edit is persisted.
    """
    if body.title is None and body.state is None:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, "Nothing to update: give `title` or `state`")
    if body.state is not None:
        _drop_echoed_urls(body.state, signer)
    edit = EditRequest(version=body.version, title=body.title, state=body.state)
    # The update answers once the edit is persisted, so the row holds it (or something newer).
    await send_update(client, settings, project.id, names.EDIT, edit, Snapshot, owner_id=project.owner_id)
    stored = await repo.refreshed(project.id)
    if stored is None:
        raise not_found(project.id)
    return project_out(stored, signer, prices)


@router.get(
    "/{project_id}/export",
    responses={
        200: {
            "description": "The comic as a file to download",
            "content": {media: {} for media in EXPORT_MEDIA_TYPES.values()},
        }
    },
)
async def export_project(
    project: OwnedProject,
    client: TemporalDep,
    settings: SettingsDep,
    request: Request,
    format: Annotated[
        ExportFormat, Query(description="pdf, cbz (ComicInfo.xml inside) or png (a zip of pages)")
    ] = "pdf",
) -> Response:
    """The finished comic: panels laid out on pages (title on the first, page numbers), as PDF, CBZ or PNG pages.

    Built by an activity and stored with the project's media; 409 with the reason when panels are missing or
    still rendering.
    """
    artifact = await send_update(
        client, settings, project.id, names.EXPORT, ExportRequest(format=format), Artifact, owner_id=project.owner_id
    )
    store: MediaStore = request.app.state.media
    data = await store.load(artifact.key)
    if data is None:
        raise HTTPException(status.HTTP_503_SERVICE_UNAVAILABLE, "The export was stored but cannot be read back")
    extension = artifact.key.rsplit(".", 1)[-1]
    return Response(
        data, media_type=artifact.media_type, headers={"Content-Disposition": _attachment(project.title, extension)}
    )


def _attachment(title: str, extension: str) -> str:
    """A Content-Disposition for `title`: an ASCII filename, and the real one (RFC 5987) for any other script."""
    name = "".join(c if c.isalnum() or c in " -_" else "_" for c in title).strip() or "comic"
    ascii_name = name.encode("ascii", "replace").decode().replace("?", "_")
    return f"attachment; filename=\"{ascii_name}.{extension}\"; filename*=UTF-8''{quote(f'{name}.{extension}')}"


@router.delete("/{project_id}", status_code=status.HTTP_204_NO_CONTENT)
async def remove_project(project: OwnedProject, client: TemporalDep, settings: SettingsDep) -> Response:
    """Delete a project: its run is stopped, the row deleted (then this answers), its media deleted seconds later."""
    await delete_project(client, settings, project.id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
