"""Browser tests: headless Debian chromium, driven by Playwright, against a real `newsbrief serve`.

The server is the CLI command in a subprocess on a free port of 127.0.0.1. Without
/usr/bin/chromium these tests skip, unless NEWSBRIEF_REQUIRE_BROWSER=1 (set by .ci/run,
which installs chromium) turns the skip into a failure. NEWSBRIEF_SCREENSHOTS=DIR keeps the
seed story's screenshot in DIR (docs/ holds the committed one).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsbrief import Settings
from newsbrief.store import Store
from newsbrief.store.ingest import ingest

from .conftest import EXAMPLES, HOSTILE_TITLE_ARTICLE, SEEDS, XSS_ARTICLE

pytestmark = [pytest.mark.browser, pytest.mark.network]

CHROMIUM = Path(os.environ.get("NEWSBRIEF_CHROMIUM", "/usr/bin/chromium"))
# As root in a sandboxed machine with no network: no sandbox, no background connections.
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--no-proxy-server"]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`newsbrief serve` over the examples, two hostile articles and (when present) the seeds."""
    folder = tmp_path_factory.mktemp("browser")
    (folder / "gala-night.txt").write_text(XSS_ARTICLE, encoding="utf-8")
    (folder / "lighthouse.txt").write_text(HOSTILE_TITLE_ARTICLE, encoding="utf-8")
    inputs = [EXAMPLES, folder / "gala-night.txt", folder / "lighthouse.txt"]
    if SEEDS.is_dir():
        inputs.append(SEEDS)
    db = folder / "news.db"
    with Store(db) as store:
        ingest(store, inputs, Settings.load())
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "newsbrief.cli", "serve", "--db", str(db), "--port", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    direct = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # never via a proxy
    while True:
        try:
            with direct.open(f"{url}/api/stories", timeout=2):
                break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail(f"newsbrief serve did not start: {process.communicate()[0]}")
            time.sleep(0.2)
    yield url
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} is not installed (apt-get install chromium)"
        if os.environ.get("NEWSBRIEF_REQUIRE_BROWSER") == "1":
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, server):
    """A fresh page that records console errors (a blocked asset, a script that ran)."""
    context = browser.new_context(base_url=server, viewport={"width": 1200, "height": 900})
    page = context.new_page()
    page.errors = []
    page.on("console", lambda message: message.type == "error" and page.errors.append(message.text))
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.on("dialog", lambda dialog: (page.errors.append(f"dialog: {dialog.message}"), dialog.dismiss()))
    yield page
    context.close()


def open_story(page, search: str) -> None:
    page.goto("/")
    page.get_by_label("Search titles and text").fill(search)
    page.get_by_role("button", name="Filter").click()
    page.locator("table.stories a").first.click()
    page.wait_for_selector("#summary-h")


def test_stories_list_search_and_story_page(page):
    from playwright.sync_api import expect

    page.goto("/")
    expect(page.get_by_role("heading", name="Stories", level=1)).to_be_visible()
    expect(page.get_by_role("link", name="Nine killed as Port Veyra bridge falls into river")).to_be_visible()
    open_story(page, "tram")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Aldmere buses and trams halt as transit workers strike")
    for section in ("Summary", "Timeline", "Actors", "Sources"):
        expect(page.get_by_role("heading", name=section, level=2)).to_be_visible()
    assert page.errors == []


def test_hovering_or_focusing_a_citation_shows_its_source_sentence_and_outlet(page, server):
    from playwright.sync_api import expect

    open_story(page, "Kestrel")
    story = page.url.rstrip("/").rsplit("/", 1)[1]
    briefing = page.request.get(f"{server}/api/stories/{story}/briefing").json()
    cited = briefing["summary"][0]["citations"][0]
    outlet = {a["id"]: a["outlet"] for a in briefing["articles"]}[cited["article"]]
    marker = page.locator("#summary-h + ol .cite").first
    tooltip = marker.locator(".src")
    expect(tooltip).to_be_hidden()
    marker.hover()
    expect(tooltip).to_be_visible()
    expect(tooltip).to_contain_text(cited["text"])
    expect(tooltip).to_contain_text(outlet)
    page.mouse.move(0, 0)
    expect(tooltip).to_be_hidden()
    marker.focus()  # the keyboard reaches it too
    expect(tooltip).to_be_visible()


def test_uploading_the_example_articles_gives_a_briefing(page):
    from playwright.sync_api import expect

    files = sorted((EXAMPLES / "harbour-bridge").iterdir())
    page.goto("/brief")
    page.get_by_label("Or upload files").set_input_files([str(path) for path in files])
    page.get_by_role("button", name="Brief").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Briefing of {len(files) + 1} articles")
    assert page.locator("#summary-h + ol > li").count() >= 2
    expect(page.get_by_role("heading", name="Timeline", level=2)).to_be_visible()
    assert page.errors == []


def test_pasting_nothing_shows_a_clear_error(page):
    from playwright.sync_api import expect

    page.goto("/brief")
    page.get_by_role("button", name="Brief").click()
    expect(page.get_by_role("alert")).to_have_text("paste an article or choose files to upload")


def test_markup_in_articles_renders_inert(page):
    from playwright.sync_api import expect

    page.goto("/")
    expect(page.get_by_text("<script>window.pwned = 6</script>", exact=False)).to_be_visible()
    open_story(page, "Kestrel")
    expect(page.get_by_text('<script>window.pwned = 1</script> Gala <img src=x onerror="window.pwned = 2">',
                            exact=False)).to_be_visible()
    open_story(page, "Gannet")
    assert page.evaluate("typeof window.pwned") == "undefined"
    assert page.locator("img").count() == 0 and page.locator("main script").count() == 0
    assert page.errors == []


def test_pages_fit_a_phone_screen(browser, server):
    context = browser.new_context(base_url=server, viewport={"width": 390, "height": 844})
    page = context.new_page()
    overflow = {}
    for path in ("/", "/brief"):
        page.goto(path)
        overflow[path] = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    open_story(page, "Kestrel")
    overflow["story"] = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    context.close()
    assert all(pixels <= 1 for pixels in overflow.values()), overflow


def test_screenshot_of_the_seed_story(page, tmp_path):
    """The seed cluster's page: summary, drawn timeline and conflicts, one citation open."""
    from playwright.sync_api import expect

    if not SEEDS.is_dir():
        pytest.skip("the seed cluster ../shared/seeds is not present")
    open_story(page, "Guaidó")
    expect(page.get_by_role("heading", name="Where the outlets disagree")).to_be_visible()
    conflicts = page.locator("section[aria-labelledby=conflicts-h]")
    expect(conflicts).to_contain_text("25,000")
    expect(conflicts).to_contain_text("Operation Liberty")
    page.locator("#summary-h + ol .cite").first.hover()
    bottom = conflicts.bounding_box()
    path = tmp_path / "story-page.png"
    page.screenshot(path=str(path), full_page=True,
                    clip={"x": 0, "y": 0, "width": 1200, "height": bottom["y"] + bottom["height"] + 16})
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    keep = os.environ.get("NEWSBRIEF_SCREENSHOTS")
    if keep:
        shutil.copy(path, Path(keep) / "story-page.png")
