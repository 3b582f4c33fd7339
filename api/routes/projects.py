"""Project CRUD, scoped to the authenticated user."""

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, HTTPException, Query, Response, status

from api.deps import CurrentUser, RepositoryDep
from api.schemas import ProjectCreate, ProjectOut, ProjectPage, ProjectSummary, ProjectUpdate
from db.models import Project
from db.projects import VersionConflict
from domain.state import ConsolidatedComicState
from domain.story import Story

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


def not_found(project_id: UUID) -> HTTPException:
    """The 404 for a project that does not exist or belongs to someone else (indistinguishable on purpose)."""
    return HTTPException(status.HTTP_404_NOT_FOUND, f"Project {project_id} not found")


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
async def get_project(project_id: UUID, user: CurrentUser, repo: RepositoryDep) -> ProjectOut:
    """A project with its full state."""
    project = await repo.get(project_id, user)
    if project is None:
        raise not_found(project_id)
    return project_out(project)


@router.patch("/{project_id}", response_model=ProjectOut)
async def update_project(project_id: UUID, body: ProjectUpdate, user: CurrentUser, repo: RepositoryDep) -> ProjectOut:
    """Change the title and/or replace the state, if `version` is still current (else 409)."""
    if body.title is None and body.state is None:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, "Nothing to update: give `title` or `state`")
    state = body.state.model_dump(mode="json") if body.state is not None else None
    try:
        project = await repo.update(project_id, body.version, owner_id=user, title=body.title, state=state)
    except VersionConflict as e:
        raise HTTPException(
            status.HTTP_409_CONFLICT,
            f"Project changed since version {e.expected} (now {e.actual}); fetch it and apply your edit again",
        ) from e
    if project is None:
        raise not_found(project_id)
    return project_out(project)


@router.delete("/{project_id}", status_code=status.HTTP_204_NO_CONTENT)
async def delete_project(project_id: UUID, user: CurrentUser, repo: RepositoryDep) -> Response:
    """Delete a project."""
    if not await repo.delete(project_id, user):
        raise not_found(project_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
