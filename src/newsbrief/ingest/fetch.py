"""The only module that touches the network: ``http(s)://`` inputs, with a timeout and size cap."""

from __future__ import annotations

import urllib.error
import urllib.request

from ..errors import InputError
from .base import Source

USER_AGENT = "newsbrief/0.1 (+offline news briefing tool)"


def fetch(url: str, *, timeout: float, max_bytes: int) -> Source:
    """Download ``url``; refuse bodies over ``max_bytes`` and answer errors as ``InputError``."""
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            data = response.read(max_bytes + 1)
            media_type = response.headers.get_content_type()
    except urllib.error.HTTPError as exc:
        raise InputError(f"{url}: HTTP {exc.code} {exc.reason}") from None
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise InputError(f"{url}: cannot fetch ({reason})") from None
    if len(data) > max_bytes:
        raise InputError(f"{url}: larger than the {max_bytes:,}-byte limit (see --max-bytes)")
    return Source(origin=url, data=data, media_type=media_type)
