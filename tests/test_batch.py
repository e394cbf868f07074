"""Briefing many stories of a store: here, and on a real Dask cluster (LocalCluster)."""

from __future__ import annotations

import json
import re
from dataclasses import replace

import distributed
import pytest
from click.testing import CliRunner

from newsbrief.batch import IN_FLIGHT_PER_WORKER, DaskEngine, StoryJob, brief_job
from newsbrief.cli import main
from newsbrief.errors import InputError
from newsbrief.settings import Settings
from newsbrief.store import Store
from newsbrief.store.ingest import ingest


@pytest.fixture
def store_path(tmp_path, examples):
    path = tmp_path / "news.db"
    with Store(path) as store:
        ingest(store, [str(examples)])
    return path


def saved_summaries(path) -> dict[int, list[str]]:
    """The summary of every story that has an up-to-date saved briefing."""
    with Store(path) as store:
        saved = {row.id: store.briefing(row.id) for row in store.stories()}
    return {i: [s["text"] for s in b["summary"]] for i, b in saved.items() if b is not None}


def test_every_story_is_briefed_once_and_written(store_path, tmp_path):
    out = tmp_path / "briefings"
    result = CliRunner().invoke(main, ["brief-stories", "--db", str(store_path), "-o", str(out),
                                       "--format", "json"])
    assert result.exit_code == 0, result.output
    with Store(store_path) as store:
        stories = store.stories()
    assert f"briefed {len(stories)} stories, 0 already up to date, 0 failed" in result.output
    summaries = saved_summaries(store_path)
    assert set(summaries) == {s.id for s in stories} and all(summaries.values())
    written = json.loads((out / f"story-{stories[0].id}.json").read_text(encoding="utf-8"))
    assert [s["text"] for s in written["summary"]] == summaries[stories[0].id]

    again = CliRunner().invoke(main, ["brief-stories", "--db", str(store_path)])
    assert again.exit_code == 0
    assert f"briefed 0 stories, {len(stories)} already up to date" in again.output


def test_dask_cluster_gives_the_briefings_this_process_gives(store_path, tmp_path):
    local = CliRunner().invoke(main, ["brief-stories", "--db", str(store_path), "--min-size", "2"])
    assert local.exit_code == 0, local.output
    here = saved_summaries(store_path)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster:
        result = CliRunner().invoke(main, ["brief-stories", "--db", str(store_path), "--force",
                                           "--min-size", "2", "--scheduler", cluster.scheduler_address])
    assert result.exit_code == 0, result.output
    assert "0 failed" in result.output
    there = saved_summaries(store_path)
    assert there == here and len(there) >= 2


def test_a_story_that_cannot_be_briefed_is_reported_not_raised():
    result = brief_job(StoryJob(7, (), Settings.load()))
    assert result.story_id == 7 and result.briefing is None
    assert result.error


def test_unreachable_scheduler_is_a_clear_error():
    with pytest.raises(InputError, match=re.escape("cannot reach the Dask scheduler at tcp://127.0.0.1:1")):
        DaskEngine("tcp://127.0.0.1:1", timeout=1)


def test_scheduler_with_local_engine_is_a_usage_error(store_path):
    result = CliRunner().invoke(main, ["brief-stories", "--db", str(store_path), "--engine", "local",
                                       "--scheduler", "tcp://127.0.0.1:1"])
    assert result.exit_code == 2 and "--scheduler needs --engine dask" in result.output


def test_dask_engine_starts_and_stops_its_own_local_cluster(store_path):
    with Store(store_path) as store:
        story = store.stories()[0]
        job = StoryJob(story.id, tuple(store.story_articles(story.id)), Settings.load())
    jobs = [replace(job, story_id=n) for n in range(IN_FLIGHT_PER_WORKER + 3)]  # more than one window
    engine = DaskEngine(workers=1)
    try:
        assert engine.workers == 1
        results = list(engine.run(jobs))
    finally:
        engine.close()
    assert sorted(r.story_id for r in results) == list(range(len(jobs)))
    expected = brief_job(job).briefing.summary
    assert all(r.error is None and r.briefing.summary == expected for r in results)


def test_missing_junk_and_empty_stores(tmp_path):
    missing = CliRunner().invoke(main, ["brief-stories", "--db", str(tmp_path / "none.db")])
    assert missing.exit_code == 1 and "no such store" in missing.output
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"\x00\xffnot a database" * 100)
    result = CliRunner().invoke(main, ["brief-stories", "--db", str(junk)])
    assert result.exit_code == 1 and "not a newsbrief store" in result.output
    assert junk.read_bytes() == b"\x00\xffnot a database" * 100  # left as it was
    empty = tmp_path / "empty.db"
    Store(empty).close()
    result = CliRunner().invoke(main, ["brief-stories", "--db", str(empty)])
    assert result.exit_code == 0 and "briefed 0 stories, 0 already up to date, 0 failed" in result.output
