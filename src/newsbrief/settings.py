"""One settings object shared by the CLI and the Python API.

Shipped defaults live in ``settings.toml`` beside this file; a user file given with
``--config`` (or ``Settings.load(path)``) overlays them key by key, and explicit keyword
arguments overlay both.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path

from .errors import InputError

DEFAULTS_FILE = Path(__file__).with_name("settings.toml")


@dataclass(frozen=True)
class Settings:
    """Every tunable of a briefing run."""

    words: int = 120
    summariser: str = "centroid"
    concept_model: str | None = None  # `concept-learned` weights (JSON); None: the shipped model
    model: str | None = None  # spaCy pipeline name; None tries the known English pipelines
    max_bytes: int = 2_000_000
    url_timeout: float = 10.0
    min_sentence_words: int = 6
    redundancy_threshold: float = 0.5
    citation_threshold: float = 0.45
    near_duplicate_threshold: float = 0.8
    max_actors: int = 25
    timeline_entries: int = 15
    max_feed_bytes: int = 1_000_000_000  # `newsbrief ingest`: a whole file (JSONL export, feed)
    story_threshold: float = 0.2
    story_merge_threshold: float = 0.4
    story_decay_days: float = 60.0
    story_retire_after: int = 5_000

    @classmethod
    def load(cls, user_file: str | Path | None = None, **overrides: object) -> Settings:
        """Shipped defaults, then the user's TOML file, then keyword overrides (None ignored)."""
        values: dict[str, object] = _read_toml(DEFAULTS_FILE)
        if user_file is not None:
            values.update(_read_toml(Path(user_file)))
        values.update({k: v for k, v in overrides.items() if v is not None})
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(values) - known)
        if unknown:
            raise InputError(f"unknown setting(s): {', '.join(unknown)}; known: {', '.join(sorted(known))}")
        settings = replace(cls(), **values)
        settings.validate()
        return settings

    def validate(self) -> None:
        if self.words < 1:
            raise InputError(f"words must be at least 1, got {self.words}")
        if self.max_bytes < 1:
            raise InputError(f"max_bytes must be positive, got {self.max_bytes}")
        for name in ("redundancy_threshold", "citation_threshold", "near_duplicate_threshold",
                     "story_threshold", "story_merge_threshold"):
            value = getattr(self, name)
            if not 0.0 < value <= 1.0:
                raise InputError(f"{name} must be in (0, 1], got {value}")


def _read_toml(path: Path) -> dict[str, object]:
    try:
        with path.open("rb") as handle:
            return dict(tomllib.load(handle))
    except FileNotFoundError:
        raise InputError(f"settings file not found: {path}") from None
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"settings file {path} is not valid TOML: {exc}") from None
