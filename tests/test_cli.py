"""The command line end to end: formats, files, exit codes, errors, escaping."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from click.testing import CliRunner

from newsbrief.cli import main

from .conftest import STORY_A, STORY_B


def run(*args: str, input: bytes | None = None):
    return CliRunner().invoke(main, list(args), input=input)


def test_markdown_is_the_default(examples):
    result = run("brief", str(examples / "transit-strike"), "-q")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("# Briefing") and "## Summary" in result.output


def test_json_contract(examples):
    result = run("brief", str(examples / "harbour-bridge"), "--format", "json", "-q")
    data = json.loads(result.output)
    assert set(data) >= {"articles", "summary", "actors", "warnings"}
    assert set(data["articles"][0]) >= {"id", "outlet", "title", "date", "date_source", "path"}
    assert set(data["summary"][0]) >= {"text", "citations"}
    assert set(data["summary"][0]["citations"][0]) >= {"article", "sentence"}
    assert set(data["actors"][0]) >= {"name", "type", "aliases", "mentions"}
    ids = {a["id"] for a in data["articles"]}
    assert all(c["article"] in ids for s in data["summary"] for c in s["citations"])
    assert set(data["actors"][0]) >= {"roles", "quotes"}
    for kind in ("quotes", "claims"):
        assert data[kind], kind
        for item in data[kind]:
            assert set(item) >= {"speaker", "text", "article", "sentence", "verb", "outlet"}
            assert item["article"] in ids
    marsh = [q for q in data["quotes"] if q["speaker"] == "Helena Marsh"]
    assert marsh and all(q["outlet"] for q in marsh)


def test_markdown_and_html_show_who_said_what(examples, tmp_path):
    markdown = run("brief", str(examples / "harbour-bridge"), "-q").output
    assert "## Who said what" in markdown and "**Helena Marsh**" in markdown
    assert "## Claims" in markdown
    out = tmp_path / "b.html"
    run("brief", str(examples / "harbour-bridge"), "--format", "html", "-o", str(out), "-q")
    html = out.read_text()
    assert 'id="quotes-h"' in html and "<q>" in html and "Helena Marsh" in html


def test_explain_shows_removals(examples):
    result = run("brief", str(examples / "harbour-bridge"), "--format", "json", "--explain", "-q")
    removed = [r for a in json.loads(result.output)["articles"] for r in a.get("removed", [])]
    assert {"media-caption", "prompt", "social-embed", "read-more"} <= {r["rule"] for r in removed}
    assert all(r["reason"] for r in removed)


def test_html_output_file_is_self_contained_and_escaped(tmp_path):
    evil = tmp_path / "evil.txt"
    evil.write_text(
        " date 2024-05-02 <script>alert(1)</script> Harbour wall row\n"
        "Protesters wrote <img src=x onerror=alert(1)> on the harbour wall approved on Tuesday.\n\n"
        '"We want <script>alert(2)</script> on the wall," said protester Ana Lopes.\n\n'
        + STORY_A.split("\n", 1)[1]
    )
    (tmp_path / "b.txt").write_text(STORY_B)
    out = tmp_path / "briefing.html"
    result = run("brief", str(tmp_path), "--format", "html", "-o", str(out), "-q")
    assert result.exit_code == 0, result.output
    html = out.read_text()
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(2)" in html  # inside the quotes section too
    assert "&lt;script&gt;" in html
    assert "http://" not in html and "https://" not in html.replace("https://example", "")


def test_missing_path_exits_1_with_one_line(tmp_path):
    result = run("brief", str(tmp_path / "nope"))
    assert result.exit_code == 1
    assert result.output.strip().count("\n") == 0 and "no such file" in result.output


def test_empty_directory_and_binary_file_exit_1(tmp_path):
    (tmp_path / "empty").mkdir()
    assert run("brief", str(tmp_path / "empty")).exit_code == 1
    junk = tmp_path / "junk.txt"
    junk.write_bytes(b"\x00\x01\x02" * 100)
    result = run("brief", str(junk))
    assert result.exit_code == 1 and "binary" in result.output


def test_huge_article_is_refused_naming_the_file(tmp_path):
    big = tmp_path / "big.txt"
    big.write_text("The storm hit the coast. " * 1000)
    result = run("brief", str(big), "--max-bytes", "5000")
    assert result.exit_code == 1 and "big.txt" in result.output and "limit" in result.output


def test_usage_errors_exit_2():
    assert run("brief").exit_code == 2
    assert run("brief", "x", "--format", "pdf").exit_code == 2
    assert run("brief", "x", "--words", "0").exit_code == 2


def test_stdin_and_word_budget(tmp_path):
    (tmp_path / "b.txt").write_text(STORY_B)
    result = run("brief", "-", str(tmp_path / "b.txt"), "--words", "25", "--format", "json", "-q",
                 input=STORY_A.encode())
    data = json.loads(result.output)
    assert next(a["path"] for a in data["articles"]) == "stdin"
    assert sum(len(s["text"].split()) for s in data["summary"]) <= 25 or len(data["summary"]) == 1


def test_warnings_go_to_stderr_not_stdout(tmp_path):
    (tmp_path / "a.txt").write_text("The storm hit the coast on Thursday, closing the roads.")
    result = CliRunner().invoke(main, ["brief", str(tmp_path / "a.txt"), "--format", "json"])
    assert result.exit_code == 0
    json.loads(result.stdout)
    assert "warning:" in result.stderr and "only one article" in result.stderr


def test_help_teaches():
    result = run("brief", "--help")
    assert "Examples:" in result.output and "Exit codes" in result.output


def test_real_process_smoke(examples):
    """The installed console script, as a user runs it."""
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    process = subprocess.run(
        [sys.executable, "-m", "newsbrief.cli", "brief", str(examples / "harbour-bridge"), "-q"],
        capture_output=True, text=True, env=env, timeout=120,
    )
    assert process.returncode == 0, process.stderr
    assert "## Summary" in process.stdout
