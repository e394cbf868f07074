"""newsbrief: many news articles about one story -> one cited, trustworthy briefing."""

from __future__ import annotations

import logging

__version__ = "0.1.0"

from .errors import InputError, ModelNotFoundError, NewsbriefError
from .models import Article, Briefing, Citation, Notice, RawArticle, Skipped
from .pipeline import Pipeline, brief
from .render import render, to_dict
from .settings import Settings

logging.getLogger(__name__).addHandler(logging.NullHandler())

__all__ = [
    "Article",
    "Briefing",
    "Citation",
    "InputError",
    "ModelNotFoundError",
    "NewsbriefError",
    "Notice",
    "Pipeline",
    "RawArticle",
    "Settings",
    "Skipped",
    "__version__",
    "brief",
    "render",
    "to_dict",
]
