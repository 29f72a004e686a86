"""Turn an input file (.txt, .docx, .pdf) into a `RawDocument`: `load(path)`.

Whatever cannot give text raises `LoadError` with a message an operator can act on; problems that
leave some text (a bad page, a scanned page, a guessed encoding) become warnings on the document.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from extractors.document import LoadError, RawDocument
from extractors.loaders.docx import load_docx
from extractors.loaders.pdf import load_pdf
from extractors.loaders.sniff import describe
from extractors.loaders.txt import load_txt

MAX_BYTES = 200_000_000
LOADERS: dict[str, Callable[[Path], RawDocument]] = {".txt": load_txt, ".docx": load_docx, ".pdf": load_pdf}
# Blank apart from these: an empty file saved with a BOM.
_BLANK = b" \t\r\n\f\v\xef\xbb\xbf\xff\xfe"

__all__ = ["LOADERS", "MAX_BYTES", "LoadError", "load"]


def load(path: Path, *, max_bytes: int = MAX_BYTES) -> RawDocument:
    """Load a .txt, .docx or .pdf file (extension case-insensitive) into blocks of text."""
    path = Path(path)
    suffix = path.suffix.lower()
    loader = LOADERS.get(suffix)
    if loader is None:
        raise LoadError(_unsupported(path))
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise LoadError(f"is a directory, not a file: {path}")
        if size > max_bytes:
            raise LoadError(f"file too large: {size:,} bytes, over the {max_bytes:,}-byte limit")
        if size == 0:
            raise LoadError("empty file (0 bytes)")
        if size <= 4096:
            with path.open("rb") as fh:
                if not fh.read().strip(_BLANK):
                    raise LoadError("empty file: it holds only whitespace")
        return loader(path)
    except FileNotFoundError as exc:
        raise LoadError(f"file not found: {path}") from exc
    except PermissionError as exc:
        raise LoadError(f"permission denied: cannot read {path}") from exc
    except IsADirectoryError as exc:
        raise LoadError(f"is a directory, not a file: {path}") from exc
    except OSError as exc:
        raise LoadError(f"cannot read {path}: {exc.strerror or exc}") from exc


def _unsupported(path: Path) -> str:
    supported = ", ".join(LOADERS)
    suffix = path.suffix or "(none)"
    message = f"unsupported file type {suffix!r}: chibo reads {supported}"
    if path.suffix.lower() in (".doc", ".rtf", ".odt"):
        message += f"; save the {path.suffix} file as .docx or .pdf"
    elif path.exists() and path.is_file():
        try:
            with path.open("rb") as fh:
                message += f" (the file looks like {describe(fh.read(4096))})"
        except OSError:
            pass
    return message
