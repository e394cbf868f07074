"""Brief many stories of a store at once: in this process, or on a Dask cluster.

Stories are independent of each other and each costs seconds of spaCy time, so a store of
thousands of stories is the job to spread over machines. newsbrief schedules nothing itself:
``DaskEngine`` hands stories to an existing Dask cluster (``tcp://host:8786``, whose workers
have newsbrief installed) or to a ``LocalCluster`` of worker processes it starts.
The store stays with the caller: it reads each story's articles, workers send briefings back,
and each one is saved as it arrives — an interrupted run keeps what finished, and the next
run briefs only the rest.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from typing import Protocol

from .errors import InputError, NewsbriefError
from .models import Article, Briefing
from .pipeline import Pipeline
from .render.json import to_dict
from .settings import Settings
from .store import Store

ENGINES = ("local", "dask")
IN_FLIGHT_PER_WORKER = 4  # stories sent ahead to each Dask worker: enough to keep it busy


@dataclass(frozen=True)
class StoryJob:
    """One story to brief, with everything a worker needs (workers never see the store)."""

    story_id: int
    articles: tuple[Article, ...]
    settings: Settings


@dataclass(frozen=True)
class StoryResult:
    """A story's briefing, or why it could not be briefed."""

    story_id: int
    briefing: Briefing | None
    error: str | None = None


def brief_job(job: StoryJob) -> StoryResult:
    """Brief one story; runs wherever the engine puts it. Input problems come back as
    results so that one bad story does not stop the others."""
    try:
        briefing = Pipeline(job.settings).brief_articles(list(job.articles))
    except NewsbriefError as exc:
        return StoryResult(job.story_id, None, str(exc))
    return StoryResult(job.story_id, briefing)


class Engine(Protocol):
    """Runs ``brief_job`` over jobs, yielding results as they finish (in any order)."""

    def run(self, jobs: Iterable[StoryJob]) -> Iterator[StoryResult]: ...

    def close(self) -> None: ...


class LocalEngine:
    """This process, one story after another: the default, and what tests compare with."""

    def run(self, jobs: Iterable[StoryJob]) -> Iterator[StoryResult]:
        return map(brief_job, jobs)

    def close(self) -> None:
        pass


class DaskEngine:
    """A Dask cluster: ``scheduler`` is an address (``tcp://host:8786``) or None for a
    LocalCluster of ``workers`` single-threaded processes (spaCy does not share a GIL well)."""

    def __init__(self, scheduler: str | None = None, workers: int = 2, timeout: float = 10.0) -> None:
        try:
            from distributed import Client, LocalCluster
        except ImportError:
            raise InputError(
                "the dask engine needs Dask: pip install 'newsbrief[dask]' (dask[distributed])"
            ) from None
        self.cluster = None
        try:
            if scheduler:
                self.client = Client(scheduler, timeout=timeout)
            else:
                self.cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                            dashboard_address=None)
                self.client = Client(self.cluster)
        except (OSError, TimeoutError) as exc:
            where = f"reach the Dask scheduler at {scheduler}" if scheduler else "start a local Dask cluster"
            raise InputError(f"cannot {where}: {exc}") from None
        self.workers = max(len(self.client.scheduler_info().get("workers", {})), 1)

    def run(self, jobs: Iterable[StoryJob]) -> Iterator[StoryResult]:
        from distributed import as_completed

        pending = iter(jobs)
        first = islice(pending, self.workers * IN_FLIGHT_PER_WORKER)
        running = as_completed([self.client.submit(brief_job, job, pure=False) for job in first])
        for future in running:
            yield future.result()
            future.release()
            job = next(pending, None)
            if job is not None:
                running.add(self.client.submit(brief_job, job, pure=False))

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()


def make_engine(name: str, *, scheduler: str | None = None, workers: int = 2) -> Engine:
    if name == "local":
        return LocalEngine()
    if name == "dask":
        return DaskEngine(scheduler, workers)
    raise InputError(f"unknown engine {name!r}; choose one of: {', '.join(ENGINES)}")


@dataclass(frozen=True)
class BatchReport:
    """Stories briefed and saved, skipped as up to date, and those that failed (id, why)."""

    briefed: int
    up_to_date: int
    failed: tuple[tuple[int, str], ...]


def brief_stories(
    store: Store, engine: Engine, settings: Settings, *, story_ids: Iterable[int] | None = None,
    force: bool = False, on_result: Callable[[StoryResult, int, int], None] | None = None,
) -> BatchReport:
    """Brief the stories ``story_ids`` (default: every story) of ``store`` whose saved
    briefing is missing or older than their articles (all with ``force``), saving each."""
    ids = list(story_ids) if story_ids is not None else [row.id for row in store.stories()]
    todo = [i for i in ids if force or store.briefing(i) is None]
    jobs = (StoryJob(i, tuple(store.story_articles(i)), settings) for i in todo)
    failed, briefed = [], set()
    for done, result in enumerate(engine.run(jobs), start=1):
        if result.briefing is None:
            failed.append((result.story_id, result.error or "unknown error"))
        else:
            store.save_briefing(result.story_id, to_dict(result.briefing))
            briefed.add(result.story_id)
        if on_result:
            on_result(result, done, len(todo))
    answered = briefed | {story_id for story_id, _ in failed}
    failed += [(i, "the engine returned no result for this story") for i in todo if i not in answered]
    return BatchReport(len(briefed), len(ids) - len(todo), tuple(failed))
