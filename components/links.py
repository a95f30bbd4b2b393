"""Links into the quote explorer, built from filter values so any view of the evidence is one click away."""

from __future__ import annotations

from urllib.parse import urlencode

from queries import given


def quotes_href(**filters) -> str:
    """A relative address of the quote explorer filtered by these URL values (empty ones left out)."""
    kept = {key: value for key, value in filters.items() if given(value)}
    # Relative, so the link works wherever the app is served (root or a sub-path).
    return "quotes?" + urlencode(kept, doseq=True) if kept else "quotes"


def quote_href(quote_id: str) -> str:
    """A relative address of one quote shown on its own in the quote explorer."""
    return quotes_href(quote=quote_id)
