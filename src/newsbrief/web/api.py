"""The JSON API beside the pages: stories, one story, its briefing, and briefing posted articles.

The briefing is the same JSON contract as ``newsbrief brief --format json``
(docs/json-contract.md); its OpenAPI schema is an object so the contract can grow.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel, Field

from ..store import StoryRow
from .service import ISO_DAY, BriefingService, iso_day

StoryId = Annotated[int, Path(ge=1, le=2**62, description="A story id from /api/stories.")]


class Problem(BaseModel):
    """Why a request failed, in one sentence."""

    detail: str


class Story(BaseModel):
    """One story of the store: size, date span, outlets and a title."""

    id: int
    title: str | None
    size: int = Field(description="Articles in the story.")
    first_date: dt.date | None
    last_date: dt.date | None
    outlets: int = Field(description="Distinct outlets among its articles.")

    @classmethod
    def of(cls, row: StoryRow) -> Story:
        return cls(
            id=row.id,
            title=row.title,
            size=row.size,
            first_date=row.first_date,
            last_date=row.last_date,
            outlets=row.outlets,
        )


class StoryList(BaseModel):
    total: int = Field(description="Stories matching the filters, before limit/offset.")
    stories: list[Story]


class ArticleIn(BaseModel):
    """One article to brief; only ``text`` is required."""

    text: str = Field(min_length=1)
    title: str | None = None
    date: dt.date | None = Field(
        default=None, description="Publication date; relative dates resolve against it."
    )
    source: str | None = Field(default=None, description="The outlet.")
    url: str | None = None
    id: str | None = None


class BriefRequest(BaseModel):
    articles: list[ArticleIn] = Field(min_length=1, max_length=500)
    words: int | None = Field(default=None, ge=1, le=5000, description="Summary word budget.")


def _service(request: Request) -> BriefingService:
    return request.app.state.service


ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": Problem, "description": "No usable article in the input."},
    404: {"model": Problem, "description": "No such story."},
    413: {"model": Problem, "description": "The request body is larger than the upload limit."},
}

router = APIRouter(prefix="/api", tags=["api"])


def _checked_date(name: str, value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return iso_day(value)
    except ValueError:
        raise RequestValidationError([{"loc": ("query", name), "msg": f"{value!r} is not a calendar date",
                                      "type": "date_from_datetime_parsing", "input": value}]) from None



@router.get("/stories", response_model=StoryList, summary="List stories, largest first")
def list_stories(
    request: Request,
    search: Annotated[
        str | None, Query(max_length=200, description="Title or text contains this.")
    ] = None,
    since: Annotated[str | None, Query(pattern=ISO_DAY, description="On or after YYYY-MM-DD.")] = None,
    until: Annotated[str | None, Query(pattern=ISO_DAY, description="On or before YYYY-MM-DD.")] = None,
    min_size: Annotated[int, Query(ge=1, le=1_000_000)] = 1,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    offset: Annotated[int, Query(ge=0, le=1_000_000_000)] = 0,
) -> StoryList:
    page = _service(request).stories(
        search=search,
        since=_checked_date("since", since),
        until=_checked_date("until", until),
        min_size=min_size,
        limit=limit,
        offset=offset,
    )
    return StoryList(total=page.total, stories=[Story.of(row) for row in page.stories])


@router.get(
    "/stories/{story_id}",
    response_model=Story,
    responses={404: ERRORS[404]},
    summary="One story (a merged story's id gives the story it joined)",
)
def get_story(request: Request, story_id: StoryId) -> Story:
    return Story.of(_service(request).story(story_id))


@router.get(
    "/stories/{story_id}/briefing",
    responses={404: ERRORS[404]},
    summary="The story's briefing (the JSON contract of docs/json-contract.md)",
)
def get_briefing(request: Request, story_id: StoryId) -> dict[str, Any]:
    return _service(request).briefing(story_id)


@router.post(
    "/brief",
    responses={400: ERRORS[400], 413: ERRORS[413]},
    summary="Brief the posted articles (nothing is stored)",
)
def post_brief(request: Request, body: BriefRequest) -> dict[str, Any]:
    records = [article.model_dump(mode="json", exclude_none=True) for article in body.articles]
    return _service(request).brief_records(records, words=body.words)
