"""Summarise: interchangeable extractive summarisers behind one interface."""

from __future__ import annotations

import inspect
from collections.abc import Callable

from ..errors import unknown
from .base import Documents, Pick, Summariser, word_count
from .centroid import CentroidSummariser
from .citations import cite
from .concepts import ConceptSummariser
from .lead import LeadSummariser
from .learned import LearnedConceptSummariser

SUMMARISERS: dict[str, Callable[..., Summariser]] = {
    CentroidSummariser.name: CentroidSummariser,
    LeadSummariser.name: LeadSummariser,
    ConceptSummariser.name: ConceptSummariser,
    LearnedConceptSummariser.name: LearnedConceptSummariser,
}

__all__ = [
    "SUMMARISERS", "CentroidSummariser", "ConceptSummariser", "Documents", "LeadSummariser",
    "LearnedConceptSummariser", "Pick", "Summariser", "cite", "get_summariser", "word_count",
]


def get_summariser(name: str, **settings: object) -> Summariser:
    """A new summariser registered as ``name``; unknown names list the valid ones."""
    try:
        factory = SUMMARISERS[name]
    except KeyError:
        raise unknown("summariser", name, list(SUMMARISERS)) from None
    accepted = inspect.signature(factory).parameters
    return factory(**{key: value for key, value in settings.items() if key in accepted})
