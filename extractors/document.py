"""Intermediate types between the pipeline stages: what loaders return and what extractors read."""

from __future__ import annotations

from dataclasses import dataclass, field

from models.records import Block, BlockKind, StageError


class LoadError(Exception):
    """The file cannot be turned into text at all (corrupt, empty, encrypted, unsupported)."""


@dataclass(slots=True)
class RawBlock:
    """One piece of text as the file holds it, with where it came from."""

    kind: BlockKind
    text: str
    page: int | None = None
    table: int | None = None
    row: int | None = None
    col: int | None = None


@dataclass(slots=True)
class RawDocument:
    """A loaded file: its blocks in reading order, before normalisation."""

    format: str
    blocks: list[RawBlock]
    encoding: str | None = None
    pages: int | None = None
    needs_ocr_pages: list[int] = field(default_factory=list)
    warnings: list[StageError] = field(default_factory=list)


@dataclass(slots=True)
class Text:
    """The normalised text of a document and the map from its offsets back to the blocks."""

    text: str
    blocks: list[Block] = field(default_factory=list)
