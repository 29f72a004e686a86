"""One document from file to record: load, normalise, detect the language, run the spaCy pipeline.

Errors are data: every stage that fails adds a `StageError` and the document becomes `partial` (some
facts are still there) or `failed` (no text at all); no exception leaves `process()`.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

from chibo import __version__
from extractors.datafiles import DATA_DIR
from extractors.document import LoadError, RawDocument, Text
from extractors.language import detect_language
from extractors.layout import furniture
from extractors.loaders import load
from extractors.loaders.txt import split_lines
from extractors.nlp import get_nlp
from extractors.normalise import normalise
from models.records import DocumentResult, StageError

SUPPORTED_FORMATS = ("txt", "docx", "pdf")
_READ_CHUNK = 1 << 20


@cache
def pipeline_version() -> str:
    """Package version plus a hash of every data file and shipped model: results are comparable
    (and ingestion may skip a document) only under the same pipeline version."""
    digest = hashlib.sha256()
    roots = [DATA_DIR, Path(__file__).parent / "trained"]
    for root in roots:
        if not root.exists():
            continue
        for path in sorted(p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
            digest.update(str(path.relative_to(root)).encode())
            digest.update(path.read_bytes())
    return f"{__version__}+{digest.hexdigest()[:10]}"


def _sha256(path: Path) -> tuple[str, int]:
    digest = hashlib.sha256()
    size = 0
    with path.open("rb") as fh:
        while chunk := fh.read(_READ_CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


def process(path: str | Path, *, with_text: bool = False) -> DocumentResult:
    """Run the whole per-document pipeline on one file."""
    shown = str(path)
    path = Path(path)
    fmt = path.suffix.lower().lstrip(".")
    base = {"pipeline_version": pipeline_version(), "path": shown, "format": fmt if fmt in SUPPORTED_FORMATS else None}
    try:
        sha, size = _sha256(path)
    except OSError as exc:
        return DocumentResult(
            **base, sha256=None, status="failed", errors=[StageError(stage="read", message=_os_message(exc, path))]
        )
    base.update(sha256=sha, size_bytes=size)
    try:
        raw = load(path)
    except LoadError as exc:
        return DocumentResult(**base, status="failed", errors=[StageError(stage="load", message=str(exc))])
    except Exception as exc:  # noqa: BLE001 - a loader bug must not stop the batch
        message = f"unexpected {type(exc).__name__} while reading the file: {exc}"
        return DocumentResult(**base, status="failed", errors=[StageError(stage="load", message=message)])
    errors = list(raw.warnings)
    base.update(encoding=raw.encoding, pages=raw.pages, needs_ocr_pages=list(raw.needs_ocr_pages))
    try:
        text = normalise(raw)
    except Exception as exc:  # noqa: BLE001
        errors.append(StageError(stage="normalise", message=f"{type(exc).__name__}: {exc}"))
        return DocumentResult(**base, status="failed", errors=errors)
    if not text.text.strip():
        message = "no text in the document"
        if raw.needs_ocr_pages:
            message = "no text layer on any page (scanned document?): needs OCR"
        errors.append(StageError(stage="load", message=message))
        status = "partial" if raw.needs_ocr_pages else "failed"
        return DocumentResult(**base, status=status, errors=errors, blocks=text.blocks)
    return _extract(text, base, errors, with_text=with_text)


def process_text(text: str, *, path: str = "<text>", with_text: bool = False) -> DocumentResult:
    """Run the extraction on a string, as if it were a UTF-8 .txt file (tests, the API, the web app)."""
    data = text.encode("utf-8", errors="surrogatepass")
    base = {
        "pipeline_version": pipeline_version(),
        "path": path,
        "format": "txt",
        "sha256": hashlib.sha256(data).hexdigest(),
        "size_bytes": len(data),
    }
    normalised = normalise(RawDocument(format="txt", blocks=split_lines(text), encoding="utf-8"))
    if not normalised.text.strip():
        error = StageError(stage="load", message="no text in the document")
        return DocumentResult(**base, status="failed", errors=[error], blocks=normalised.blocks)
    return _extract(normalised, base, [], with_text=with_text)


def _extract(text: Text, base: dict, errors: list[StageError], *, with_text: bool) -> DocumentResult:
    lang, scores = detect_language(text.text)
    if lang is None:
        lang = "vi"  # Vietnamese first: a text of symbols and digits only is read as Vietnamese
    try:
        nlp = get_nlp(lang)
        doc = nlp.make_doc(text.text)
        doc._.furniture = furniture(text.text, text.blocks)
        doc = nlp(doc)
    except Exception as exc:  # noqa: BLE001
        errors.append(StageError(stage="nlp", message=f"{type(exc).__name__}: {exc}"))
        return DocumentResult(
            **base,
            status="partial",
            errors=errors,
            language=lang,
            language_scores=scores,
            text_length=len(text.text),
            blocks=text.blocks,
            text=text.text if with_text else None,
        )
    errors.extend(doc._.errors or [])
    status = "partial" if errors else "ok"
    kind = doc._.kind
    return DocumentResult(
        **base,
        status=status,
        errors=errors,
        language=lang,
        language_scores=scores,
        kind=kind.value if kind else None,
        kind_evidence=kind,
        header=doc._.header,
        doc_numbers=doc._.doc_numbers or [],
        dates=doc._.dates or [],
        recurring_dates=doc._.recurring_dates or [],
        meeting=doc._.meeting,
        topics=doc._.topics or [],
        keyphrases=doc._.keyphrases or [],
        political_tasks=doc._.political_tasks,
        text_length=len(text.text),
        blocks=text.blocks,
        text=text.text if with_text else None,
    )


def _os_message(exc: OSError, path: Path) -> str:
    if isinstance(exc, FileNotFoundError):
        return f"file not found: {path}"
    if isinstance(exc, PermissionError):
        return f"permission denied: cannot read {path}"
    if isinstance(exc, IsADirectoryError):
        return f"is a directory, not a file: {path}"
    return f"cannot read {path}: {exc.strerror or exc}"
