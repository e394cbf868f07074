"""Shared fixtures: the shipped example stories, the real seed cluster when present, writers."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from newsbrief import Pipeline, Settings

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
SEEDS = ROOT.parent / "shared" / "seeds"


@pytest.fixture(scope="session")
def examples() -> Path:
    return EXAMPLES


@pytest.fixture(scope="session")
def seeds() -> Path:
    if not SEEDS.is_dir():
        pytest.skip("the seed cluster ../shared/seeds is not present")
    return SEEDS


@pytest.fixture(scope="session")
def pipeline() -> Pipeline:
    return Pipeline(Settings.load())


@pytest.fixture
def write(tmp_path: Path) -> Callable[..., Path]:
    """Write a file under tmp_path: ``write("a.txt", "text")`` or bytes."""

    def _write(name: str, content: str | bytes) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    return _write


STORY_A = (
    " date 2024-05-02 Council approves new harbour wall\n"
    "The city council approved a new harbour wall on Tuesday after a long debate.\n\n"
    "Councillor Jane Porter said the wall would protect 3,000 homes from flooding.\n\n"
    "Construction will begin in September and cost about 40 million crowns.\n"
)
STORY_B = (
    " date 2024-05-02 Harbour wall gets the green light\n"
    "Councillors voted for the new harbour wall on Tuesday evening.\n\n"
    "Jane Porter told reporters that the wall would protect 2,500 homes from floods.\n\n"
    "Some residents said the design would block the sea view from the promenade.\n"
)


XSS_ARTICLE = (
    '<script>window.pwned = 1</script> Gala <img src=x onerror="window.pwned = 2"> for bridge families\n\n'
    "Friday, 15 March, 2024\n\n"
    "A charity gala on Friday raised 50,000 crowns for the families of the people killed when the "
    'Kestrel Bridge collapsed, organisers said. <img src=x onerror="window.pwned = 3">\n\n'
    'Mayor Helena Marsh told the guests: "<script>window.pwned = 4</script> We will rebuild together."\n'
)
HOSTILE_TITLE_ARTICLE = (
    '<img src=x onerror="window.pwned = 5">Lighthouse keeper <script>window.pwned = 6</script> retires\n\n'
    "Tuesday, 2 April, 2024\n\n"
    "The last keeper of the Gannet Rock lighthouse retired on Tuesday after forty-one years, the harbour "
    "trust said.\n\n"
    "The lamp has been automatic since 2019, but the keeper stayed on to look after the station.\n"
)


@pytest.fixture(scope="session")
def web_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store with the example stories and two articles whose titles and text carry markup."""
    from newsbrief.store import Store
    from newsbrief.store.ingest import ingest

    folder = tmp_path_factory.mktemp("web")
    hostile = folder / "gala-night.txt"
    hostile.write_text(XSS_ARTICLE, encoding="utf-8")
    lighthouse = folder / "lighthouse.txt"
    lighthouse.write_text(HOSTILE_TITLE_ARTICLE, encoding="utf-8")
    db = folder / "news.db"
    with Store(db) as store:
        ingest(store, [EXAMPLES, hostile, lighthouse], Settings.load())
    return db
