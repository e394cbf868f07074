"""One exception hierarchy: the CLI turns any of these into a one-line message and exit code 1."""

from __future__ import annotations


class NewsbriefError(Exception):
    """Base class for every error newsbrief raises on purpose."""


class InputError(NewsbriefError, ValueError):
    """An input cannot be used: missing, empty, binary, too large, or malformed."""


class ModelNotFoundError(NewsbriefError, LookupError):
    """No usable spaCy English pipeline is installed."""


class UnknownComponentError(NewsbriefError, KeyError):
    """A summariser, reader or renderer name that is not registered."""

    def __str__(self) -> str:  # KeyError would repr() the message
        return str(self.args[0]) if self.args else ""


def unknown(family: str, name: str, valid: list[str] | tuple[str, ...]) -> UnknownComponentError:
    """Build the error for an unknown name, listing the valid names (as pipx does)."""
    return UnknownComponentError(
        f"unknown {family} {name!r}; choose one of: {', '.join(sorted(valid))}"
    )
