"""`newsbrief serve`: the store's stories and their briefings as pages, beside a JSON API.

Pages and API call the same ``BriefingService``; templates autoescape everything, the
stylesheet is served by the app (no CDN), and a Content-Security-Policy allows nothing
from elsewhere. Uploads are refused above ``max_upload_bytes`` before they are parsed.
"""

from __future__ import annotations

import math
from importlib.resources import files
from pathlib import Path
from typing import Annotated, Any

from fastapi import FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from jinja2 import ChoiceLoader, PackageLoader
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.formparsers import MultiPartException
from starlette.staticfiles import StaticFiles

from .. import __version__
from ..errors import InputError, NewsbriefError
from ..render.html import briefing_context, template_environment
from ..settings import Settings
from .api import router
from .limits import BodyLimit, SecurityHeaders
from .service import BriefingService, Upload, iso_day, split_pasted

STORIES_PER_PAGE = 50
MAX_UPLOAD_FILES = 200
BRIEFING_CSS = files("newsbrief").joinpath("render/templates/briefing.css").read_text(encoding="utf-8")


def create_app(
    db: str | Path, settings: Settings | None = None, *, max_upload_bytes: int = 10_000_000
) -> FastAPI:
    """The web app over the store at ``db``; ``newsbrief serve`` runs it with uvicorn."""
    service = BriefingService(Path(db), settings)
    pages = template_environment(
        ChoiceLoader(
            [
                PackageLoader("newsbrief", "web/templates"),
                PackageLoader("newsbrief", "render/templates"),
            ]
        )
    )
    pages.globals.update(
        version=__version__, upload_limit=_megabytes(max_upload_bytes)
    )

    def page(request: Request, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
        html = pages.get_template(template).render(request=request, **context)
        return HTMLResponse(html, status_code=status_code)

    app = FastAPI(
        title="newsbrief",
        version=__version__,
        description="Stories of a newsbrief store and their cited briefings (docs/json-contract.md).",
        openapi_url="/api/openapi.json",
        docs_url=None,
        redoc_url=None,  # Swagger UI would load a CDN
    )
    app.state.service = service
    app.include_router(router)

    @app.get("/static/briefing.css", include_in_schema=False)
    def briefing_css() -> Response:  # the standalone page's stylesheet, shared
        return Response(BRIEFING_CSS, media_type="text/css", headers={"cache-control": "max-age=3600"})

    app.mount("/static", StaticFiles(packages=[("newsbrief", "web/static")]), name="static")

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def stories_page(
        request: Request,
        q: str = "",
        since: str = "",
        until: str = "",
        page_number: Annotated[int, Query(alias="page")] = 1,
    ) -> HTMLResponse:
        problems = [
            f"{label} must be a date like 2019-04-30"
            for label, value in (("since", since), ("until", until))
            if value and not _is_day(value)
        ]
        if problems:
            return page(
                request,
                "stories.html",
                400,
                stories=[],
                total=0,
                q=q,
                since=since,
                until=until,
                page_number=1,
                pages=1,
                error="; ".join(problems),
            )
        page_number = max(1, min(page_number, 1_000_000))
        listing = service.stories(
            search=q.strip() or None,
            since=since or None,
            until=until or None,
            limit=STORIES_PER_PAGE,
            offset=(page_number - 1) * STORIES_PER_PAGE,
        )
        return page(
            request,
            "stories.html",
            stories=listing.stories,
            total=listing.total,
            q=q,
            since=since,
            until=until,
            page_number=page_number,
            pages=max(1, math.ceil(listing.total / STORIES_PER_PAGE)),
            error=None,
        )

    @app.get("/stories/{story_id}", response_class=HTMLResponse, include_in_schema=False)
    def story_page(request: Request, story_id: int) -> HTMLResponse:
        if not 1 <= story_id <= 2**62:
            raise HTTPException(404, f"no story {story_id}")
        story = service.story(story_id)
        data = service.briefing(story.id)
        return page(request, "story.html", story=story, **briefing_context(data), explain=False)

    @app.get("/brief", response_class=HTMLResponse, include_in_schema=False)
    def brief_form(request: Request) -> HTMLResponse:
        return page(request, "brief.html", error=None, pasted="")

    @app.post("/brief", response_class=HTMLResponse, include_in_schema=False)
    async def brief_submit(request: Request) -> HTMLResponse:
        try:
            form = await request.form(
                max_files=MAX_UPLOAD_FILES, max_fields=20, max_part_size=max_upload_bytes
            )
        except MultiPartException as exc:
            return page(request, "brief.html", 400, error=str(exc), pasted="")
        pasted = form.get("text")
        pasted = pasted if isinstance(pasted, str) else ""
        uploads = split_pasted(pasted)
        for item in form.getlist("files"):
            if isinstance(item, str) or not item.filename:
                continue  # the empty file input of a form sent without files
            uploads.append(Upload(Path(item.filename).name, await item.read()))
        words = _words(form.get("words"))
        if not uploads:
            return page(
                request,
                "brief.html",
                400,
                error="paste an article or choose files to upload",
                pasted=pasted,
            )
        try:
            data = await run_in_threadpool(service.brief_uploads, uploads, words=words)
        except InputError as exc:
            return page(request, "brief.html", 400, error=str(exc), pasted=pasted)
        return page(request, "uploaded.html", **briefing_context(data), explain=False)

    def wants_json(request: Request) -> bool:
        return request.url.path.startswith("/api/")

    def problem(request: Request, status: int, detail: str) -> Response:
        if wants_json(request):
            return JSONResponse({"detail": detail}, status_code=status)
        return page(request, "error.html", status, status=status, detail=detail)

    @app.exception_handler(InputError)
    def input_error(request: Request, exc: InputError) -> Response:
        missing = str(exc).startswith("no story")
        return problem(request, 404 if missing else 400, str(exc))

    @app.exception_handler(NewsbriefError)
    def newsbrief_error(request: Request, exc: NewsbriefError) -> Response:
        return problem(request, 503, str(exc))

    @app.exception_handler(HTTPException)
    def http_error(request: Request, exc: HTTPException) -> Response:
        detail = exc.detail if isinstance(exc.detail, str) else "request failed"
        if exc.status_code == 404 and detail == "Not Found":
            detail = f"nothing at {request.url.path}"
        return problem(request, exc.status_code, detail)

    @app.exception_handler(RequestValidationError)
    def validation_error(request: Request, exc: RequestValidationError) -> Response:
        if wants_json(request):
            return JSONResponse({"detail": jsonable_errors(exc)}, status_code=422)
        return problem(request, 400, "; ".join(str(e.get("msg", "invalid value")) for e in exc.errors()))

    def refuse(scope: dict[str, Any], limit: int) -> Response:
        detail = f"the upload is larger than the limit of {_megabytes(limit)}"
        if scope["path"].startswith("/api/"):
            return JSONResponse({"detail": detail}, status_code=413)
        html = pages.get_template("brief.html").render(error=detail, pasted="")
        return HTMLResponse(html, status_code=413)

    app.add_middleware(BodyLimit, max_bytes=max_upload_bytes, refuse=refuse)
    app.add_middleware(SecurityHeaders)
    return app


def jsonable_errors(exc: RequestValidationError) -> list[dict[str, Any]]:
    return [
        {"loc": list(e.get("loc", ())), "msg": str(e.get("msg", "")), "type": str(e.get("type", ""))}
        for e in exc.errors()
    ]


def _is_day(value: str) -> bool:
    try:
        iso_day(value)
    except ValueError:
        return False
    return True


def _words(value: object) -> int | None:
    if isinstance(value, str) and value.strip().isdigit():
        return max(1, min(int(value), 5000))
    return None


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:g} MB"
