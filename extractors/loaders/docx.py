"""Load a .docx: headers, body paragraphs and table cells in document order, then footers.

The main part, its header and footer parts are parsed with lxml straight from the zip (python-docx's
package loader parsed every part and was two thirds of the time); the text is read from the
WordprocessingML elements so that line breaks, tabs, content controls, fields and text boxes come
out the way Word shows them.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path

from lxml import etree

from extractors.document import LoadError, RawBlock, RawDocument
from extractors.loaders.sniff import describe

MAX_UNCOMPRESSED = 200_000_000
# Word XML compresses about 10:1; a zip whose members expand hundreds of times is a zip bomb.
MAX_RATIO = 200
_RATIO_FLOOR = 10_000_000  # small members may compress absurdly well (a blank page); ignore them

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_P, _TBL, _TR, _TC, _SDT, _SDT_CONTENT = (f"{_W}{t}" for t in ("p", "tbl", "tr", "tc", "sdt", "sdtContent"))
_CUSTOM_XML, _SMART_TAG = f"{_W}customXml", f"{_W}smartTag"
_T, _TAB, _PTAB, _BR, _CR = (f"{_W}{t}" for t in ("t", "tab", "ptab", "br", "cr"))
_NO_BREAK_HYPHEN, _TXBX = f"{_W}noBreakHyphen", f"{_W}txbxContent"
# Never text: field codes, deleted runs, properties, and the VML copy of a DrawingML text box.
_SKIP = frozenset(
    {f"{_W}instrText", f"{_W}delText", f"{_W}del", f"{_W}moveFrom", f"{_W}rPr", f"{_W}pPr", f"{_MC}Fallback"}
)
_GRID_SPAN, _V_MERGE, _GRID_BEFORE, _TC_PR, _TR_PR = (
    f"{_W}{t}" for t in ("gridSpan", "vMerge", "gridBefore", "tcPr", "trPr")
)
_VAL = f"{_W}val"
# Reading a damaged member: a CRC mismatch (BadZipFile), garbled deflate data (zlib.error), a cut
# stream (EOFError), an unknown compression method (NotImplementedError), an encrypted member
# (RuntimeError: password required).
_ZIP_READ_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError)

_WORD_MAIN_TYPES = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml": ".docx",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml": ".dotx",
    "application/vnd.ms-word.document.macroEnabled.main+xml": ".docm",
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml": ".dotm",
}
# Templates and macro-enabled documents renamed to .docx hold the same WordprocessingML body;
_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
# No entity expansion, no network, no huge trees: a hostile .docx must not blow up the loader.
_XML_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)


def load_docx(path: Path, *, max_uncompressed: int = MAX_UNCOMPRESSED) -> RawDocument:
    """Read a .docx file into header, paragraph, table_cell and footer blocks."""
    data = path.read_bytes()
    archive = _open_zip(data)
    with archive:
        _refuse_zip_bomb(archive, max_uncompressed=max_uncompressed)
        _require_word_document(archive)
        try:
            body_element, sections = _open_document(archive)
        except (KeyError, ValueError, etree.XMLSyntaxError, *_ZIP_READ_ERRORS) as exc:
            raise LoadError(f"corrupt .docx: the Word package cannot be read ({type(exc).__name__}: {exc})") from exc
    reader = _Reader()
    headers, footers = reader.header_footer_blocks(sections)
    body = [block for block in reader.container(body_element) if block.text.strip()]
    return RawDocument(format="docx", blocks=headers + body + footers)


def _parse(archive: zipfile.ZipFile, name: str):
    return etree.fromstring(archive.read(name), _XML_PARSER)


def _part_name(base: str, target: str) -> str:
    """Resolve a relationship target against the folder of its source part."""
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(base), target))


def _relationships(archive: zipfile.ZipFile, part: str) -> dict[str, tuple[str, str]]:
    """Relationship id -> (type, part name) of a part ("" for the package)."""
    rels = posixpath.join(posixpath.dirname(part), "_rels", posixpath.basename(part) + ".rels")
    try:
        root = _parse(archive, rels)
    except KeyError:
        return {}
    return {
        rel.get("Id", ""): (rel.get("Type", ""), _part_name(part or "x", rel.get("Target", "")))
        for rel in root.iter(f"{_RELS}Relationship")
        if rel.get("TargetMode") != "External"
    }


def _open_document(archive: zipfile.ZipFile) -> tuple[object, list[dict[str, list]]]:
    """Return the w:body element and, per section, its own header and footer roots in Word's order
    (default, first page, even pages). Reads the XML directly: python-docx's package loader parsed
    every part (styles, numbering, theme) and cost 12 of the 19 ms a two-page document took."""
    main = next((name for kind, name in _relationships(archive, "").values() if kind.endswith("/officeDocument")), None)
    main = main or "word/document.xml"
    body = _parse(archive, main).find(f"{_W}body")
    if body is None:
        raise ValueError(f"{main} has no w:body")
    rels = _relationships(archive, main)
    parsed: dict[str, object] = {}
    sections = []
    for sect in body.iter(f"{_W}sectPr"):
        section: dict[str, list] = {"header": [], "footer": []}
        for kind in ("header", "footer"):
            refs = {ref.get(f"{_W}type", "default"): ref.get(_R_ID) for ref in sect.findall(f"{_W}{kind}Reference")}
            for variant in ("default", "first", "even"):
                rel = rels.get(refs.get(variant) or "")
                if rel is None:
                    continue
                name = rel[1]
                if name not in parsed:
                    parsed[name] = _parse(archive, name)
                section[kind].append(parsed[name])
        sections.append(section)
    return body, sections


def _open_zip(data: bytes) -> zipfile.ZipFile:
    if not data.startswith(b"PK"):
        raise LoadError(f"not a .docx file: it is {describe(data[:4096])}, not a zip-based Word document")
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise LoadError(f"corrupt .docx: the zip archive is damaged or truncated ({exc})") from exc


def _refuse_zip_bomb(archive: zipfile.ZipFile, *, max_uncompressed: int) -> None:
    total = 0
    for info in archive.infolist():
        total += info.file_size
        if info.file_size > _RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            ratio = info.file_size // max(info.compress_size, 1)
            raise LoadError(
                f"refused .docx: member {info.filename} expands {ratio}:1 ({info.file_size:,} bytes), "
                "a zip bomb or a broken file"
            )
    if total > max_uncompressed:
        raise LoadError(
            f"refused .docx: it expands to {total:,} bytes, over the {max_uncompressed:,}-byte limit "
            "(a zip bomb or a document too large to process)"
        )


def _require_word_document(archive: zipfile.ZipFile) -> None:
    names = set(archive.namelist())
    try:
        types = archive.read("[Content_Types].xml")
    except KeyError:
        types = b""
    except (OSError, *_ZIP_READ_ERRORS) as exc:  # CRC error, truncated or garbled member
        raise LoadError(f"corrupt .docx: the zip archive is damaged ({exc})") from exc
    if any(t.encode() in types for t in _WORD_MAIN_TYPES) or "word/document.xml" in names:
        return
    if "xl/workbook.xml" in names:
        what = "an Excel workbook (.xlsx) renamed to .docx"
    elif "ppt/presentation.xml" in names:
        what = "a PowerPoint presentation (.pptx) renamed to .docx"
    elif "content.xml" in names and "mimetype" in names:
        what = "an OpenDocument file (.odt/.ods) renamed to .docx: save it as .docx"
    else:
        what = "a zip archive without word/document.xml, not a Word document"
    raise LoadError(f"not a .docx file: it is {what}")


class _Reader:
    """Walk WordprocessingML elements into blocks, numbering tables as they are met."""

    def __init__(self) -> None:
        self.tables = 0

    def header_footer_blocks(self, sections: list[dict[str, list]]) -> tuple[list[RawBlock], list[RawBlock]]:
        headers: list[RawBlock] = []
        footers: list[RawBlock] = []
        seen: set[tuple[str, str]] = set()
        for section in sections:
            for kind in ("header", "footer"):
                # A section without its own reference repeats the previous section's header: skipped.
                for element in section[kind]:
                    text = "\n".join(b.text for b in self.container(element) if b.text.strip())
                    if text.strip() and (kind, text) not in seen:
                        seen.add((kind, text))
                        (headers if kind == "header" else footers).append(RawBlock(kind=kind, text=text))  # type: ignore[arg-type]
        self.tables = 0  # body tables are numbered from 0
        return headers, footers

    def container(self, element) -> Iterator[RawBlock]:
        """Yield the blocks of a body, header, footer, content control or text box, in order."""
        for child in element:
            tag = child.tag
            if tag == _P:
                text, boxes = paragraph_text(child)
                yield RawBlock(kind="paragraph", text=text)
                for box in boxes:
                    yield from self.container(box)
            elif tag == _TBL:
                yield from self.table(child)
            elif tag in (_SDT, _CUSTOM_XML, _SDT_CONTENT):
                yield from self.container(child if tag != _SDT else _sdt_content(child))

    def table(self, tbl) -> Iterator[RawBlock]:
        number = self.tables
        self.tables += 1
        for row_index, tr in enumerate(_children(tbl, _TR)):
            col = _grid_before(tr)
            for tc in _children(tr, _TC):
                span = _cell_span(tc)
                # A cell continuing a vertical merge shows the cell above: that cell was emitted.
                if not _continues_vertical_merge(tc):
                    lines: list[str] = []
                    nested = []
                    for child in _flatten(tc):
                        if child.tag == _P:
                            text, boxes = paragraph_text(child)
                            lines.append(text)
                            lines.extend(b.text for box in boxes for b in self.container(box))
                        elif child.tag == _TBL:
                            nested.append(child)
                    yield RawBlock(kind="table_cell", text="\n".join(lines), table=number, row=row_index, col=col)
                    for inner in nested:
                        yield from self.table(inner)
                col += span


def paragraph_text(p) -> tuple[str, list]:
    """Return the text of a w:p element ("\\n" for breaks, "\\t" for tabs) and its text boxes."""
    parts: list[str] = []
    boxes: list = []
    _walk(p, parts, boxes)
    return "".join(parts), boxes


def _walk(element, parts: list[str], boxes: list) -> None:
    for child in element:
        tag = child.tag
        if tag == _T:
            parts.append(child.text or "")
        elif tag in (_TAB, _PTAB):
            parts.append("\t")
        elif tag in (_BR, _CR):
            parts.append("\n")  # a page break inside a paragraph still separates words
        elif tag == _NO_BREAK_HYPHEN:
            parts.append("-")
        elif tag == _TXBX:
            boxes.append(child)
        elif tag in _SKIP or not isinstance(tag, str):
            continue  # comments and processing instructions have a non-string tag
        else:
            _walk(child, parts, boxes)


def _children(element, tag: str) -> Iterator:
    # Rows and cells may sit inside content controls or custom XML wrappers.
    for child in element:
        if child.tag == tag:
            yield child
        elif child.tag in (_SDT, _CUSTOM_XML, _SMART_TAG):
            yield from _children(child if child.tag != _SDT else _sdt_content(child), tag)


def _flatten(tc) -> Iterator:
    for child in tc:
        if child.tag in (_P, _TBL):
            yield child
        elif child.tag in (_SDT, _CUSTOM_XML):
            yield from _flatten(child if child.tag != _SDT else _sdt_content(child))


def _sdt_content(sdt):
    content = sdt.find(_SDT_CONTENT)
    return content if content is not None else []


def _grid_before(tr) -> int:
    props = tr.find(_TR_PR)
    node = props.find(_GRID_BEFORE) if props is not None else None
    return _int(node.get(_VAL)) if node is not None else 0


def _cell_span(tc) -> int:
    props = tc.find(_TC_PR)
    node = props.find(_GRID_SPAN) if props is not None else None
    return max(_int(node.get(_VAL)), 1) if node is not None else 1


def _continues_vertical_merge(tc) -> bool:
    props = tc.find(_TC_PR)
    node = props.find(_V_MERGE) if props is not None else None
    return node is not None and node.get(_VAL, "continue") == "continue"


def _int(value: str | None) -> int:
    try:
        return int(value or 0)
    except ValueError:
        return 0
