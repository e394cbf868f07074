"""Compare the outlets of one story: shared facts, conflicts, and what each alone reports."""

from .conflicts import find_conflicts
from .facts import align_facts
from .numbers import Value, parse_value
from .quantities import find_quantities

__all__ = ["Value", "align_facts", "find_conflicts", "find_quantities", "parse_value"]
