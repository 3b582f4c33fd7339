"""Project CRUD, scoped to the authenticated user."""

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Response, status

from api.comic import send_update, stop_workflow
from api.deps import CurrentUser, OwnedProject, RepositoryDep, SettingsDep, TemporalDep, not_found
from api.schemas import ProjectCreate, ProjectOut, ProjectPage, ProjectSummary, ProjectUpdate
from db.models import Project
from domain.state import ConsolidatedComicState
from domain.story import Story
from workflows.comic import ComicWorkflow
from workflows.messages import EditRequest

router = APIRouter(prefix="/projects", tags=["projects"])


def project_out(project: Project) -> ProjectOut:
    """The API view of a stored project."""
    state = ConsolidatedComicState.model_validate(project.state)
    return ProjectOut(
        id=project.id,
        title=project.title,
        version=project.version,
        phases=state.phases,
        state=state,
        created_at=project.created_at,
        updated_at=project.updated_at,
    )


@router.get("", response_model=ProjectPage)
async def list_projects(
    user: CurrentUser,
    repo: RepositoryDep,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> ProjectPage:
    """The caller's projects, newest first."""
    page = await repo.list(user, limit=limit, offset=offset)
    items = [ProjectSummary.model_validate(project_out(p).model_dump(exclude={"state"})) for p in page.items]
    return ProjectPage(items=items, total=page.total, limit=limit, offset=offset)


@router.post("", response_model=ProjectOut, status_code=status.HTTP_201_CREATED)
async def create_project(body: ProjectCreate, user: CurrentUser, repo: RepositoryDep) -> ProjectOut:
    """Create an empty project (optionally with a story prompt)."""
    state = ConsolidatedComicState(story=Story(prompt=body.prompt))
    project = await repo.create(user, body.title, state.model_dump(mode="json"))
    return project_out(project)


@router.get("/{project_id}", response_model=ProjectOut)
async def get_project(project: OwnedProject) -> ProjectOut:
    """A project with its full state, as last persisted (GET /phase/status/{id} has live progress)."""
    return project_out(project)


@router.patch("/{project_id}", response_model=ProjectOut)
async def update_project(
    body: ProjectUpdate,
    project: OwnedProject,
    client: TemporalDep,
    settings: SettingsDep,
    repo: RepositoryDep,
) -> ProjectOut:
    """Change the title and/or replace the state, if `version` is still current (else 409).

    The edit goes through the project's workflow, the single writer of its state, so a render finishing at the
    same moment neither loses the edit nor is lost; it answers once the edit is persisted.
    """
    if body.title is None and body.state is None:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, "Nothing to update: give `title` or `state`")
    edit = EditRequest(version=body.version, title=body.title, state=body.state)
    # The update answers once the edit is persisted, so the row holds it (or something newer).
    await send_update(client, settings, project, ComicWorkflow.edit, edit)
    stored = await repo.refreshed(project.id)
    if stored is None:
        raise not_found(project.id)
    return project_out(stored)


@router.delete("/{project_id}", status_code=status.HTTP_204_NO_CONTENT)
async def delete_project(
    project: OwnedProject, user: CurrentUser, repo: RepositoryDep, client: TemporalDep
) -> Response:
    """Delete a project (its workflow, if running, is stopped first)."""
    await stop_workflow(client, project.id)
    if not await repo.delete(project.id, user):
        raise not_found(project.id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
