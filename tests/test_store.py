"""The store: idempotent ingest, crash consistency, duplicates, bad lines, stories, CLI."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsbrief.cli import main
from newsbrief.cluster.online import OnlineClusterer
from newsbrief.errors import InputError
from newsbrief.store import SCHEMA_VERSION, Store
from newsbrief.store.ingest import ingest

BRIDGE = "The Kestrel Bridge in Port Veyra collapsed into the river on Monday, killing {n} commuters."
STRIKE = "Aldmere transit workers walked out on Thursday, halting buses and trams across the city {n}."


def test_reingest_adds_nothing_and_stories_group_articles(tmp_path, examples):
    with Store(tmp_path / "s.db") as store:
        first = ingest(store, [str(examples)])
        assert first.added >= 10 and first.already_stored == 0
        again = ingest(store, [str(examples)])
        assert again.added == 0 and again.already_stored == first.added
        stories = store.stories()
        assert sum(s.size for s in stories) == first.added
        bridge = next(s for s in stories if "bridge" in (s.title or "").lower())
        assert bridge.size >= 5 and bridge.outlets >= 5
        schema = store.connection.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        assert int(schema[0]) == SCHEMA_VERSION


def test_near_duplicate_is_linked_into_the_originals_story(tmp_path, examples):
    with Store(tmp_path / "s.db") as store:
        report = ingest(store, [str(examples / "harbour-bridge")])
        assert report.near_duplicates == 1
        copy_story, original_story = store.connection.execute(
            "SELECT c.story_id, o.story_id FROM articles c JOIN articles o ON o.id = c.near_duplicate_of"
        ).fetchone()
        assert copy_story == original_story


def test_malformed_jsonl_line_is_reported_with_its_line_and_the_rest_ingested(tmp_path, write):
    records = [{"id": f"a{n}", "text": BRIDGE.format(n=n * 3 + 4), "source": f"o{n}"} for n in range(3)]
    lines = [json.dumps(record) for record in records]
    lines.insert(1, "{not json")
    path = write("feed.jsonl", "\n".join(lines) + "\n")
    with Store(tmp_path / "s.db") as store:
        report = ingest(store, [str(path)])
        assert report.added == 3
        assert any(":2" in s.input for s in report.skipped)
        assert store.skipped() and store.skipped()[0][0].endswith(":2")


def test_newer_schema_is_refused(tmp_path):
    path = tmp_path / "s.db"
    Store(path).close()
    connection = sqlite3.connect(path)
    connection.execute("UPDATE meta SET value = '999' WHERE key = 'schema_version'")
    connection.commit()
    connection.close()
    with pytest.raises(InputError, match="newer newsbrief"):
        Store(path)


def test_online_clusterer_separates_and_joins_stories():
    clusterer = OnlineClusterer(threshold=0.2)
    bridge = [clusterer.assign(BRIDGE.format(n=n)) for n in range(3)]
    strike = [clusterer.assign(STRIKE.format(n=n)) for n in range(3)]
    assert len(set(bridge)) == 1 and len(set(strike)) == 1 and bridge[0] != strike[0]


def test_killed_ingest_leaves_a_consistent_store_that_the_next_run_completes(tmp_path):
    feed = tmp_path / "feed"
    feed.mkdir()
    for n in range(400):
        topic = BRIDGE if n % 2 else STRIKE
        text = f"Article {n}\n{topic.format(n=n)} Unique detail number {n * 7919}."
        (feed / f"{n:04d}.txt").write_text(text)
    db = tmp_path / "s.db"
    command = [sys.executable, "-m", "newsbrief.cli", "ingest", str(feed), "--db", str(db), "-q"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        if db.exists():
            try:
                with sqlite3.connect(db) as probe:
                    if probe.execute("SELECT count(*) FROM articles").fetchone()[0] > 0:
                        break
            except sqlite3.Error:
                pass
        time.sleep(0.05)
    if process.poll() is None:
        os.kill(process.pid, signal.SIGKILL)
    process.wait()
    with sqlite3.connect(db) as probe:
        assert probe.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        partial = probe.execute("SELECT count(*) FROM articles").fetchone()[0]
        orphans = probe.execute(
            "SELECT count(*) FROM articles a LEFT JOIN stories s ON s.id = a.story_id WHERE s.id IS NULL"
        ).fetchone()[0]
    assert orphans == 0 and partial <= 400
    result = subprocess.run(command, capture_output=True, text=True, check=True)
    assert "already stored" in result.stdout
    with Store(db) as store:
        assert store.article_count() == 400
        assert sum(s.size for s in store.stories()) == 400


def test_cli_ingest_stories_and_brief_a_stored_story(tmp_path, examples):
    db = str(tmp_path / "s.db")
    runner = CliRunner()
    result = runner.invoke(main, ["ingest", str(examples), "--db", db, "-q"])
    assert result.exit_code == 0, result.output
    assert "added" in result.output
    listed = json.loads(runner.invoke(main, ["stories", "--db", db, "--format", "json"]).output)
    assert listed and {"id", "title", "size", "first_date", "last_date", "outlets"} <= set(listed[0])
    story = listed[0]["id"]
    briefed = runner.invoke(main, ["brief", "--db", db, "--story", str(story), "--format", "json", "-q"])
    assert briefed.exit_code == 0, briefed.output
    assert len(json.loads(briefed.output)["articles"]) == listed[0]["size"]
    with Store(Path(db)) as store:
        assert store.briefing(story) is not None  # saved for the web page
    assert runner.invoke(main, ["brief", "--db", db, "--story", "999", "-q"]).exit_code == 1
    assert runner.invoke(main, ["brief", "--db", db]).exit_code == 2
    assert runner.invoke(main, ["stories", "--db", str(tmp_path / "missing.db")]).exit_code == 1
    searched = runner.invoke(main, ["stories", "--db", db, "--search", "Aldmere"]).output
    assert "Aldmere" in searched and "Kestrel" not in searched


def test_ingest_bad_input_has_a_clear_outcome_and_loses_nothing(tmp_path, write):
    db = str(tmp_path / "s.db")
    runner = CliRunner()
    empty = write("empty.txt", "")
    result = runner.invoke(main, ["ingest", str(empty), "--db", db])
    assert result.exit_code == 1 and "empty.txt" in result.output
    folder = tmp_path / "feed"
    folder.mkdir()
    (folder / "junk.bin").write_bytes(bytes(range(256)) * 40)
    huge = {"id": "huge", "text": "word " * 700_000, "source": "o1"}
    fine = {"id": "fine", "text": BRIDGE.format(n=7), "source": "o2"}
    (folder / "feed.jsonl").write_text(json.dumps(huge) + "\n" + json.dumps(fine) + "\n")
    result = runner.invoke(main, ["ingest", str(folder), "--db", db])
    assert result.exit_code == 0, result.output
    assert "added 1 articles" in result.output
    assert "junk.bin" in result.output and "over 2,000,000 bytes" in result.output
    with Store(Path(db)) as store:
        reasons = [reason for _, _, reason in store.skipped()]
        assert any("binary" in r for r in reasons) and any("bytes" in r for r in reasons)


def test_a_file_that_is_no_store_is_refused(tmp_path):
    garbage = tmp_path / "notes.db"
    garbage.write_bytes(b"this is not sqlite at all" * 100)
    result = CliRunner().invoke(main, ["stories", "--db", str(garbage)])
    assert result.exit_code == 1 and "not a newsbrief store" in result.output
