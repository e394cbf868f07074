"""`newsbrief serve` through its ASGI app: pages, the JSON API, uploads, limits and escaping."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from newsbrief.cli import main
from newsbrief.store import Store
from newsbrief.web import create_app

EXAMPLE_FILES = sorted((Path(__file__).resolve().parents[1] / "examples" / "transit-strike").iterdir())


@pytest.fixture(scope="module")
def client(web_store: Path) -> TestClient:
    return TestClient(create_app(web_store))


def story_id(client: TestClient, search: str) -> int:
    stories = client.get("/api/stories", params={"search": search}).json()["stories"]
    assert stories, f"no story matches {search!r}"
    return stories[0]["id"]


def test_stories_page_lists_stories_with_links_sizes_and_dates(client):
    page = client.get("/")
    assert page.status_code == 200
    assert "Nine killed as Port Veyra bridge falls into river" in page.text
    assert "Aldmere buses and trams halt as transit workers strike" in page.text
    bridge = story_id(client, "Kestrel")
    assert f'href="/stories/{bridge}"' in page.text
    assert "2024-03-12 – 2024-03-15" in page.text


def test_stories_page_search_and_date_filters(client):
    strike = client.get("/", params={"q": "tram"}).text
    assert "Aldmere buses" in strike and "Port Veyra bridge" not in strike
    assert "matching “tram”" in strike
    in_2025 = client.get("/", params={"since": "2025-01-01"}).text
    assert "Aldmere buses" in in_2025 and "Port Veyra bridge" not in in_2025
    before = client.get("/", params={"until": "2024-12-31"}).text
    assert "Port Veyra bridge" in before and "Aldmere buses" not in before
    nothing = client.get("/", params={"q": "no-such-words-anywhere"}).text
    assert "0 stories" in nothing and "No stories match these filters" in nothing


def test_a_bad_date_filter_is_a_clear_400(client):
    page = client.get("/", params={"since": "last tuesday"})
    assert page.status_code == 400
    assert "since must be a date like 2019-04-30" in page.text
    assert client.get("/", params={"until": "20190430"}).status_code == 400  # the API refuses it too
    assert client.get("/api/stories", params={"until": "20190430"}).status_code == 422


def test_story_page_has_every_section_and_citations_reveal_sentence_and_outlet(client, web_store):
    bridge = story_id(client, "Kestrel")
    page = client.get(f"/stories/{bridge}")
    assert page.status_code == 200
    html = page.text
    for heading in ("Summary", "Timeline", "Actors", "Who said what", "Coverage", "Sources"):
        assert f">{heading}</h2>" in html
    assert '<ol class="timeline">' in html and '<time datetime="2024-03-11">' in html
    briefing = client.get(f"/api/stories/{bridge}/briefing").json()
    first = briefing["summary"][0]["citations"][0]
    outlet = {a["id"]: a["outlet"] for a in briefing["articles"]}[first["article"]]
    tooltip = re.search(
        r'<span class="src" role="tooltip"><strong>(.*?)</strong> · sentence (\d+)<br>(.*?)</span>', html)
    assert tooltip is not None
    assert tooltip.groups() == (outlet, str(first["sentence"]), first["text"].replace('"', "&#34;"))
    with Store(web_store) as store:  # the briefing was saved, so the next visit does not recompute
        assert store.briefing(bridge) is not None


def test_markup_in_titles_and_text_is_shown_as_text(client):
    listing = client.get("/").text
    assert "&lt;script&gt;window.pwned = 6&lt;/script&gt;" in listing
    bridge = client.get(f"/stories/{story_id(client, 'Kestrel')}").text
    lighthouse = client.get(f"/stories/{story_id(client, 'Gannet')}").text
    for html in (listing, bridge, lighthouse):
        assert "<script" not in html  # the pages carry no script at all
        assert "<img" not in html
    assert "&lt;img src=x onerror=" in bridge
    assert "&lt;script&gt;window.pwned = 1&lt;/script&gt;" in bridge


def test_unknown_story_is_404_as_a_page_and_as_json(client):
    page = client.get("/stories/999999")
    assert page.status_code == 404 and "no story 999999" in page.text
    api = client.get("/api/stories/999999/briefing")
    assert api.status_code == 404 and api.json() == {"detail": api.json()["detail"]}
    assert "no story 999999" in api.json()["detail"]
    assert client.get("/nowhere").status_code == 404


def test_api_lists_stories_and_serves_the_json_contract(client):
    listing = client.get("/api/stories", params={"limit": 2}).json()
    assert listing["total"] >= 3 and len(listing["stories"]) == 2
    assert set(listing["stories"][0]) == {"id", "title", "size", "first_date", "last_date", "outlets"}
    strike = story_id(client, "tram")
    assert client.get(f"/api/stories/{strike}").json()["title"].startswith("Aldmere buses")
    briefing = client.get(f"/api/stories/{strike}/briefing").json()
    for key in ("summary", "timeline", "actors", "quotes", "conflicts", "coverage", "articles", "warnings"):
        assert key in briefing
    assert client.get("/api/stories", params={"since": "not-a-date"}).status_code == 422
    assert client.get("/api/stories/0").status_code == 422


def test_openapi_schema_describes_the_api_and_no_page_loads_anything_from_elsewhere(client):
    schema = client.get("/api/openapi.json").json()
    paths = {"/api/stories", "/api/stories/{story_id}", "/api/stories/{story_id}/briefing", "/api/brief"}
    assert paths <= set(schema["paths"])
    assert client.get("/docs").status_code == 404  # Swagger UI would come from a CDN
    for path in ("/", "/brief", f"/stories/{story_id(client, 'tram')}"):
        html = client.get(path).text
        assert not re.search(r'(src|href)="(https?:)?//', html), path
    css = client.get("/static/briefing.css")
    assert css.status_code == 200 and css.headers["content-type"].startswith("text/css")
    assert client.get("/static/newsbrief.css").status_code == 200
    headers = client.get("/").headers
    assert "default-src 'self'" in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff"


def test_pasted_articles_are_briefed(client):
    texts = [path.read_text(encoding="utf-8") for path in EXAMPLE_FILES if path.suffix == ".txt"]
    pasted = "\n---\n".join(texts)
    page = client.post("/brief", data={"text": pasted, "words": "60"})
    assert page.status_code == 200
    assert "Briefing of 2 articles" in page.text and ">Summary</h2>" in page.text


def test_uploaded_files_are_briefed(client):
    files = [("files", (path.name, path.read_bytes())) for path in EXAMPLE_FILES]
    page = client.post("/brief", files=files, data={"text": ""})
    assert page.status_code == 200
    assert f"Briefing of {len(EXAMPLE_FILES)} articles" in page.text
    assert "Metro Daily" in page.text or "metro-daily" in page.text


def test_an_empty_or_unusable_upload_is_a_clear_400(client):
    empty = client.post("/brief", data={"text": "   "})
    assert empty.status_code == 400 and "paste an article or choose files" in empty.text
    junk = client.post("/brief", files=[("files", ("junk.bin", bytes(range(256)) * 20))])
    assert junk.status_code == 400 and "no usable article" in junk.text


def test_an_upload_over_the_limit_is_refused_with_413(web_store):
    small = TestClient(create_app(web_store, max_upload_bytes=2_000))
    page = small.post("/brief", data={"text": "word " * 1_000})
    assert page.status_code == 413 and "larger than the limit of 0.002 MB" in page.text
    api = small.post("/api/brief", json={"articles": [{"text": "word " * 1_000}]})
    assert api.status_code == 413 and "larger than the limit" in api.json()["detail"]
    assert small.get("/").status_code == 200  # reading is not limited


def test_an_upload_over_the_article_limit_is_skipped_with_its_reason(client):
    big = ("The harbour wall held. " * 120_000).encode()  # 2.8 MB: over max_bytes, under the body limit
    files = [("files", ("huge.txt", big))] + [("files", (p.name, p.read_bytes())) for p in EXAMPLE_FILES]
    page = client.post("/brief", files=files)
    assert page.status_code == 200
    assert "huge.txt (ingest): over the 2,000,000-byte limit of one article" in page.text
    alone = client.post("/brief", files=[("files", ("huge.txt", big))])
    assert alone.status_code == 400 and "over the 2,000,000-byte limit" in alone.text


def test_api_brief_accepts_articles_as_json(client):
    articles = [json.loads(line) for line in (EXAMPLE_FILES[-1]).read_text(encoding="utf-8").splitlines()]
    articles += [{"text": path.read_text(encoding="utf-8"), "source": path.stem}
                 for path in EXAMPLE_FILES if path.suffix == ".txt"]
    response = client.post("/api/brief", json={"articles": articles, "words": 50})
    assert response.status_code == 200
    briefing = response.json()
    assert len(briefing["articles"]) == len(articles)
    assert sum(len(s["text"].split()) for s in briefing["summary"]) <= 50
    assert client.post("/api/brief", json={"articles": []}).status_code == 422
    huge = client.post("/api/brief", json={"articles": [{"text": "The wall held. " * 150_000}]})
    assert huge.status_code == 400 and "over the 2,000,000-byte limit of one article" in huge.json()["detail"]
    unusable = client.post("/api/brief", json={"articles": [{"text": "\u0000\u0001"}]})
    assert unusable.status_code == 400 and "no usable article" in unusable.json()["detail"]
    mixed = [{"text": "The wall held. " * 150_000}, {"text": "   "}, *articles[:2]]
    warned = client.post("/api/brief", json={"articles": mixed}).json()
    assert len(warned["articles"]) == 2
    # each warning names the record by its position in the request, not among the usable ones
    skipped = {w["input"]: w["reason"] for w in warned["warnings"] if w["skipped"]}
    assert set(skipped) == {"record[0]", "record[1]"} and "over the" in skipped["record[0]"]
    undated = [w["input"] for w in warned["warnings"] if w["stage"] == "date"]
    assert all(not mixed[int(name[7:-1])].get("date") for name in undated)


def test_serve_command_defaults_to_localhost_and_refuses_a_missing_store(tmp_path):
    runner = CliRunner()
    help_text = runner.invoke(main, ["serve", "--help"]).output
    assert "[default: 127.0.0.1]" in help_text and "/api/stories" in help_text
    missing = runner.invoke(main, ["serve", "--db", str(tmp_path / "none.db")])
    assert missing.exit_code == 1 and "no such store" in missing.output
