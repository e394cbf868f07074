"""`newsbrief serve`: web pages and a JSON API over a store (see app.py)."""

from .app import create_app
from .service import BriefingService

__all__ = ["BriefingService", "create_app"]
