"""The per-document pipeline: `process(path) -> DocumentResult` (load, normalise, detect, extract)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

    from models.records import DocumentResult


def process(path: str | Path, *, with_text: bool = False) -> DocumentResult:
    """Run the whole per-document pipeline on one file; never raises for a bad file."""
    from extractors.pipeline import process as _process  # spaCy is imported on first use only

    return _process(path, with_text=with_text)
