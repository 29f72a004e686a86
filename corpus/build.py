"""Build the corpus documents from their sources: `corpus/sources/<id>.src` -> `corpus/docs/<id>.<format>`.

    uv run python corpus/build.py                 # build every document (writes only what changed)
    uv run python corpus/build.py vi-plan-001 ... # build these documents only
    uv run python corpus/build.py --check         # exit 1 when a document on disk is not what would be built
    uv run python corpus/build.py --check --no-cache   # the same, building every document again

The markup is described in corpus/README.md. The build is deterministic: the same sources give the
same bytes on every run (fixed dates and ids in the .docx core properties and zip members, a fixed
creation date in the PDF, a generated scan image), so `git diff` stays clean after a rebuild with the
locked python-docx, fpdf2 and fonttools versions and the same font file.

PDFs use DejaVu Sans (Vietnamese and Cyrillic glyphs), read from the machine: $CHIBO_PDF_FONT, or the
usual system locations (Debian/Ubuntu `fonts-dejavu-core`: /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf),
or `fc-match "DejaVu Sans"`. The build stops with a clear message when it is missing or lacks a glyph.
Exit status: 0 done, 1 `--check` found a difference, 2 a source or the font is invalid.
"""

from __future__ import annotations

import argparse
import codecs
import hashlib
import io
import os
import re
import shutil
import struct
import subprocess
import sys
import zipfile
import zlib
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from extractors.loaders.encodings import encode_text  # noqa: E402

SOURCES = HERE / "sources"
DOCS = HERE / "docs"

FORMATS = ("txt", "docx", "pdf")
ENCODINGS = ("utf-8", "utf-8-sig", "utf-16", "cp1258", "tcvn3", "vni", "cp1251")
FIXED_DATE = datetime(2024, 1, 1, tzinfo=UTC)
ZIP_DATE = (2024, 1, 1, 0, 0, 0)
FONT_ENV = "CHIBO_PDF_FONT"
CACHE_ENV = "CHIBO_BUILD_CACHE"  # where --check remembers what it built (default ~/.cache/chibo/corpus-build)
FONT_CANDIDATES = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",  # Debian, Ubuntu (fonts-dejavu-core)
    "/usr/share/fonts/dejavu/DejaVuSans.ttf",  # Fedora, Alpine
    "/usr/share/fonts/TTF/DejaVuSans.ttf",  # Arch
    "/usr/share/fonts/dejavu-sans-fonts/DejaVuSans.ttf",  # Fedora (newer)
    "/usr/local/share/fonts/DejaVuSans.ttf",
    "/Library/Fonts/DejaVuSans.ttf",
    str(Path.home() / "Library/Fonts/DejaVuSans.ttf"),
    str(Path.home() / ".fonts/DejaVuSans.ttf"),
    str(Path.home() / ".local/share/fonts/DejaVuSans.ttf"),
)

MERGE_LEFT = "<<"
MERGE_UP = "^^"
BR = "<br>"
DIRECTIVES = ("::table", "::header", "::footer", "::end", "::pagebreak", "::scan")
# A cell separator: "|" with a space (or the line's end) on both sides, so "a | | b" has an empty cell.
_CELL_SPLIT = re.compile(r"(?:(?<=\s)|^)\|(?=\s|$)")


class BuildError(Exception):
    """A source that cannot be built (invalid markup for its format), or a missing font."""


# --- source markup --------------------------------------------------------------------------


@dataclass
class Paragraph:
    lines: list[str]  # the paragraph split at its <br>


@dataclass
class Table:
    rows: list[list[str]]  # cell texts; "<<" and "^^" are merge markers; "<br>" splits a cell's paragraphs

    def spans(self) -> dict[tuple[int, int], tuple[int, int]]:
        """Return each origin cell's (rowspan, colspan); covered cells are absent."""
        origin: dict[tuple[int, int], tuple[int, int]] = {}
        for r, row in enumerate(self.rows):
            for c, cell in enumerate(row):
                if cell == MERGE_LEFT:
                    origin[r, c] = origin[r, c - 1]
                elif cell == MERGE_UP:
                    origin[r, c] = origin[r - 1, c]
                else:
                    origin[r, c] = (r, c)
        members: dict[tuple[int, int], list[tuple[int, int]]] = {}
        for pos, org in origin.items():
            members.setdefault(org, []).append(pos)
        spans: dict[tuple[int, int], tuple[int, int]] = {}
        for (r0, c0), cells in members.items():
            r1 = max(r for r, _ in cells)
            c1 = max(c for _, c in cells)
            if len(cells) != (r1 - r0 + 1) * (c1 - c0 + 1) or any(
                origin[r, c] != (r0, c0) for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)
            ):
                raise BuildError(f"table: the cells merged into row {r0 + 1}, column {c0 + 1} are not a rectangle")
            spans[r0, c0] = (r1 - r0 + 1, c1 - c0 + 1)
        return spans


@dataclass
class PageBreak:
    pass


@dataclass
class Scan:
    pass


Item = Paragraph | Table | PageBreak | Scan


@dataclass
class Source:
    id: str
    format: str
    encoding: str | None
    note: str
    body: list[Item] = field(default_factory=list)
    header: list[Paragraph] = field(default_factory=list)
    footer: list[Paragraph] = field(default_factory=list)

    def texts(self) -> list[str]:
        """Every piece of text the document prints (for the font check)."""
        out = [line for p in self.header + self.footer for line in p.lines]
        for item in self.body:
            if isinstance(item, Paragraph):
                out.extend(item.lines)
            elif isinstance(item, Table):
                out.extend(cell for row in item.rows for cell in row)
        return out


def parse(path: Path) -> Source:
    """Parse a .src file; raise BuildError naming the file and line on invalid markup."""
    try:
        raw = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BuildError(f"{path.name}: not UTF-8 ({exc})") from exc
    lines = raw.replace("\r\n", "\n").split("\n")
    if not lines or lines[0].strip() != "---":
        raise BuildError(f"{path.name}:1: the front matter must start with a '---' line")
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
    except StopIteration:
        raise BuildError(f"{path.name}: the front matter is not closed by a '---' line") from None
    meta: dict[str, str] = {}
    for number in range(1, end):
        line = lines[number]
        if not line.strip():
            continue
        key, sep, value = line.partition(":")
        key = key.strip()
        if not sep or key not in ("id", "format", "encoding", "note"):
            raise BuildError(f"{path.name}:{number + 1}: unknown front matter line {line!r}")
        if key in meta:
            raise BuildError(f"{path.name}:{number + 1}: {key!r} given twice")
        value = value.strip()
        if key != "note":
            value = value.split("#", 1)[0].strip()  # "format: docx   # txt | docx | pdf"
        meta[key] = value
    for key in ("id", "format"):
        if not meta.get(key):
            raise BuildError(f"{path.name}: front matter lacks {key!r}")
    if meta["id"] != path.stem:
        raise BuildError(f"{path.name}: id {meta['id']!r} does not match the file name")
    fmt = meta["format"]
    if fmt not in FORMATS:
        raise BuildError(f"{path.name}: format {fmt!r} is not one of {', '.join(FORMATS)}")
    encoding = meta.get("encoding")
    if fmt == "txt":
        if encoding is None:
            raise BuildError(f"{path.name}: a txt document needs an 'encoding' ({', '.join(ENCODINGS)})")
        if encoding not in ENCODINGS:
            raise BuildError(f"{path.name}: encoding {encoding!r} is not one of {', '.join(ENCODINGS)}")
    elif encoding not in (None, "utf-8"):
        raise BuildError(f"{path.name}: 'encoding: {encoding}' applies to txt documents only, this one is {fmt}")
    source = Source(id=meta["id"], format=fmt, encoding=encoding, note=meta.get("note", ""))
    body = lines[end + 1 :]
    while body and not body[-1].strip():
        body.pop()  # the file's final newline(s)
    _parse_body(source, body, path.name, first_line=end + 2)
    if not any(isinstance(item, Paragraph | Table | Scan) for item in source.body):
        raise BuildError(f"{path.name}: the body is empty")
    return source


def _parse_body(source: Source, lines: list[str], name: str, *, first_line: int) -> None:
    block: str | None = None  # the open ::table / ::header / ::footer
    block_start = 0
    rows: list[list[str]] = []
    paragraphs: list[Paragraph] = []
    for offset, line in enumerate(lines):
        number = first_line + offset
        where = f"{name}:{number}"
        directive = line.strip() if line.strip().startswith("::") else None
        if directive is not None and directive not in DIRECTIVES:
            raise BuildError(f"{where}: unknown directive {directive!r} (known: {', '.join(DIRECTIVES)})")
        if block is not None:
            if directive == "::end":
                if block == "::table":
                    if not rows:
                        raise BuildError(f"{name}:{block_start}: empty table")
                    source.body.append(_table(rows, name, block_start))
                else:
                    if not paragraphs:
                        raise BuildError(f"{name}:{block_start}: empty {block}")
                    target = source.header if block == "::header" else source.footer
                    if target:
                        raise BuildError(f"{name}:{block_start}: a second {block} (one per document)")
                    target.extend(paragraphs)
                block, rows, paragraphs = None, [], []
            elif directive is not None:
                raise BuildError(
                    f"{where}: {directive} inside {block} (opened at line {block_start}); close it with ::end"
                )
            elif block == "::table":
                if not line.strip():
                    raise BuildError(f"{where}: empty line inside ::table")
                rows.append([cell.strip() for cell in _CELL_SPLIT.split(line)])
            else:
                paragraphs.append(Paragraph(line.split(BR)))
            continue
        if directive in ("::table", "::header", "::footer"):
            block, block_start = directive, number
        elif directive == "::end":
            raise BuildError(f"{where}: ::end without an open ::table, ::header or ::footer")
        elif directive == "::pagebreak":
            source.body.append(PageBreak())
        elif directive == "::scan":
            if source.format != "pdf":
                raise BuildError(f"{where}: ::scan is for pdf documents only; this one is {source.format}")
            source.body.append(Scan())
        else:
            source.body.append(Paragraph(line.split(BR)))
    if block is not None:
        raise BuildError(f"{name}:{block_start}: {block} is not closed by ::end")


def _table(rows: list[list[str]], name: str, line: int) -> Table:
    width = len(rows[0])
    for index, row in enumerate(rows):
        if len(row) != width:
            raise BuildError(f"{name}:{line + 1 + index}: row has {len(row)} cells, the first row {width}")
        for col, cell in enumerate(row):
            if cell == MERGE_LEFT and col == 0:
                raise BuildError(f"{name}:{line + 1 + index}: '<<' in the first column has no cell on its left")
            if cell == MERGE_UP and index == 0:
                raise BuildError(f"{name}:{line + 1 + index}: '^^' in the first row has no cell above")
    table = Table(rows)
    try:
        table.spans()
    except BuildError as exc:
        raise BuildError(f"{name}:{line}: {exc}") from None
    return table


# --- txt ------------------------------------------------------------------------------------


def build_txt(source: Source) -> bytes:
    """Plain text as an export leaves it: one line per paragraph, table rows with tab-separated cells."""
    out: list[str] = []
    for item in source.body:
        if isinstance(item, Paragraph):
            out.extend(item.lines)
        elif isinstance(item, Table):
            out.extend(_txt_table(item))
        elif isinstance(item, PageBreak):
            out.append("")  # a blank line, not a form feed
        else:  # pragma: no cover - refused by the parser
            raise BuildError(f"{source.id}: {type(item).__name__} cannot be written to txt")
    text = "\n".join(out) + "\n"
    encoding = source.encoding or "utf-8"
    try:
        if encoding == "utf-16":
            # Python's "utf-16" writes the machine's byte order; the corpus is little-endian with a BOM.
            return codecs.BOM_UTF16_LE + encode_text(text, "utf-16-le")
        return encode_text(text, encoding)
    except UnicodeEncodeError as exc:
        bad = exc.object[exc.start : exc.end]
        raise BuildError(f"{source.id}: {bad!r} cannot be written in {encoding}") from exc


def _txt_table(table: Table) -> list[str]:
    # Cells side by side as a text conversion lays them out: line i of a row holds line i of each
    # cell, cells separated by a tab; a merged cell is written once (in its first column).
    lines: list[str] = []
    spans = table.spans()
    for r, row in enumerate(table.rows):
        cells = [row[c].split(BR) if (r, c) in spans else [""] for c in range(len(row)) if row[c] != MERGE_LEFT]
        for i in range(max(len(cell) for cell in cells)):
            lines.append("\t".join(cell[i] if i < len(cell) else "" for cell in cells).rstrip())
    return lines


# --- docx -----------------------------------------------------------------------------------


def build_docx(source: Source) -> bytes:
    """A Word document: paragraphs with line breaks, tables with merged cells, header, footer, page breaks."""
    from docx import Document

    document = Document()
    props = document.core_properties
    props.author = "chibo corpus"
    props.last_modified_by = "chibo corpus"
    props.title = source.id
    props.subject = ""
    props.comments = ""
    props.keywords = ""
    props.revision = 1
    props.created = FIXED_DATE.replace(tzinfo=None)
    props.modified = FIXED_DATE.replace(tzinfo=None)
    props.last_printed = FIXED_DATE.replace(tzinfo=None)
    section = document.sections[0]
    for paragraphs, part in ((source.header, section.header), (source.footer, section.footer)):
        if not paragraphs:
            continue
        part.is_linked_to_previous = False
        for index, paragraph in enumerate(paragraphs):
            target = part.paragraphs[0] if index == 0 else part.add_paragraph()
            _docx_lines(target, paragraph.lines)
    for item in source.body:
        if isinstance(item, Paragraph):
            _docx_lines(document.add_paragraph(), item.lines)
        elif isinstance(item, Table):
            _docx_table(document, item)
        elif isinstance(item, PageBreak):
            document.add_page_break()
        else:  # pragma: no cover - refused by the parser
            raise BuildError(f"{source.id}: {type(item).__name__} cannot be written to docx")
    buffer = io.BytesIO()
    document.save(buffer)
    return _fixed_zip(buffer.getvalue())


def _docx_lines(paragraph, lines: list[str]) -> None:
    for index, line in enumerate(lines):
        run = paragraph.add_run(line)
        if index < len(lines) - 1:
            run.add_break()


def _docx_table(document, table: Table) -> None:
    spans = table.spans()
    grid = document.add_table(rows=len(table.rows), cols=len(table.rows[0]))
    grid.style = "Table Grid"
    for (r, c), (rowspan, colspan) in spans.items():
        if rowspan > 1 or colspan > 1:
            grid.cell(r, c).merge(grid.cell(r + rowspan - 1, c + colspan - 1))
    for r, c in spans:
        cell = grid.cell(r, c)
        for index, text in enumerate(table.rows[r][c].split(BR)):
            paragraph = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
            if text:
                paragraph.add_run(text)


def _fixed_zip(data: bytes) -> bytes:
    # python-docx stamps every zip member with the current time: rewrite them with a fixed one.
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=ZIP_DATE)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.create_system = 0
            fixed.external_attr = 0
            dst.writestr(fixed, src.read(info), compresslevel=6)
    return out.getvalue()


# --- pdf ------------------------------------------------------------------------------------


@cache
def find_font() -> Path:
    """Return the DejaVu Sans TTF of this machine, or raise BuildError saying how to get one."""
    tried: list[str] = []
    env = os.environ.get(FONT_ENV)
    if env:
        if Path(env).is_file():
            return Path(env)
        raise BuildError(f"${FONT_ENV} is set to {env!r}, which is not a file")
    for candidate in FONT_CANDIDATES:
        tried.append(candidate)
        if Path(candidate).is_file():
            return Path(candidate)
    if shutil.which("fc-match"):
        try:
            found = subprocess.run(
                ["fc-match", "-f", "%{file}", "DejaVu Sans:style=Book"], capture_output=True, text=True, timeout=10
            ).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            found = ""
        if found and Path(found).name == "DejaVuSans.ttf" and Path(found).is_file():
            return Path(found)
        tried.append("fc-match 'DejaVu Sans'")
    raise BuildError(
        "the DejaVu Sans font (DejaVuSans.ttf, Vietnamese and Cyrillic glyphs) is needed to build the PDF "
        f"documents and was not found (tried {', '.join(tried)}). Install it (Debian/Ubuntu: "
        f"apt-get install fonts-dejavu-core) or point ${FONT_ENV} at a DejaVuSans.ttf."
    )


@cache
def _font_chars(path: Path) -> frozenset[int]:
    from fontTools.ttLib import TTFont

    with TTFont(str(path), lazy=True) as font:
        return frozenset(font.getBestCmap())


def _check_glyphs(source: Source, font: Path) -> None:
    chars = _font_chars(font)
    missing = sorted({ch for text in source.texts() for ch in text if ch not in "\t\n" and ord(ch) not in chars})
    if missing:
        shown = ", ".join(f"{ch!r} U+{ord(ch):04X}" for ch in missing)
        raise BuildError(f"{source.id}: the font {font} has no glyph for {shown}")


def build_pdf(source: Source) -> bytes:
    """A PDF with a text layer: header and footer on every page, wrapped paragraphs, tables, scanned pages."""
    from fpdf import FPDF
    from fpdf.fonts import FontFace

    font = find_font()
    _check_glyphs(source, font)
    line_height = 5.5

    class Document(FPDF):
        scan_pages: set[int]

        def header(self) -> None:
            if self.page in self.scan_pages or not source.header:
                return
            self.set_font("DejaVu", size=8)
            for paragraph in source.header:
                self.multi_cell(0, 4, _pdf_text(paragraph.lines), new_x="LMARGIN", new_y="NEXT", align="C")
            self.ln(4)
            self.set_font("DejaVu", size=11)

        def footer(self) -> None:
            if self.page in self.scan_pages or not source.footer:
                return
            lines = sum(len(p.lines) for p in source.footer)
            self.set_y(-12 - 4 * lines)
            self.set_font("DejaVu", size=8)
            for paragraph in source.footer:
                self.multi_cell(0, 4, _pdf_text(paragraph.lines), new_x="LMARGIN", new_y="NEXT", align="C")
            self.set_font("DejaVu", size=11)

    pdf = Document(format="A4")
    pdf.scan_pages = set()
    pdf.set_creation_date(FIXED_DATE)
    pdf.set_title(source.id)
    pdf.set_author("chibo corpus")
    pdf.set_margins(20, 15, 20)
    footer_lines = sum(len(p.lines) for p in source.footer)
    pdf.set_auto_page_break(True, margin=15 + 4 * footer_lines)
    pdf.add_font("DejaVu", fname=str(font))
    pdf.set_font("DejaVu", size=11)
    need_page = True
    for item in source.body:
        if isinstance(item, PageBreak):
            need_page = True
            continue
        if isinstance(item, Scan):
            pdf.scan_pages.add(pdf.page + 1)
            pdf.add_page()
            pdf.image(io.BytesIO(scan_png()), x=15, y=15, w=pdf.w - 30, h=pdf.h - 30)
            need_page = True
            continue
        if need_page:
            pdf.add_page()
            need_page = False
        if isinstance(item, Paragraph):
            if item.lines == [""]:
                pdf.ln(line_height)
            else:
                pdf.multi_cell(0, line_height, _pdf_text(item.lines), new_x="LMARGIN", new_y="NEXT")
        else:
            spans = item.spans()
            pdf.ln(1)
            pdf.set_font("DejaVu", size=10)
            with pdf.table(
                first_row_as_headings=False,
                text_align="LEFT",
                line_height=5,
                headings_style=FontFace(),
            ) as table:
                for r, row in enumerate(item.rows):
                    out = table.row()
                    for c, text in enumerate(row):
                        if (r, c) in spans:
                            rowspan, colspan = spans[r, c]
                            out.cell(_pdf_text(text.split(BR)), rowspan=rowspan, colspan=colspan)
            pdf.set_font("DejaVu", size=11)
            pdf.ln(2)
    return bytes(pdf.output())


def _pdf_text(lines: list[str]) -> str:
    return "\n".join(lines).replace("\t", "    ")


@cache
def scan_png(width: int = 240, height: int = 340) -> bytes:
    """A grey page with dark bars where lines of text were, as a PNG built by hand (8-bit greyscale)."""
    rows = []
    for y in range(height):
        line = bytearray([235] * width)
        band = (y - 30) % 14
        if 30 <= y < height - 40 and band < 5:
            length = width - 40 - ((y * 37) % 60)
            for x in range(20, 20 + length):
                if (x * 7 + y * 3) % 29 > 4:  # gaps between "words"
                    line[x] = 40 + (x * y) % 50
        rows.append(b"\x00" + bytes(line))  # filter type 0 per row
    raw = b"".join(rows)

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")


# --- driver ---------------------------------------------------------------------------------

BUILDERS = {"txt": build_txt, "docx": build_docx, "pdf": build_pdf}


def build(source: Source) -> bytes:
    """Return the bytes of a source's document."""
    return BUILDERS[source.format](source)


def target(source: Source) -> Path:
    return DOCS / f"{source.id}.{source.format}"


def _stale(sources: list[Source], *, everything: bool) -> list[Path]:
    """Docs that no source builds: another format of a built id, or (full build) an id without a source."""
    wanted = {target(s) for s in sources}
    ids = {s.id for s in sources}
    stale = []
    for path in sorted(DOCS.glob("*")) if DOCS.is_dir() else []:
        if not path.is_file() or path in wanted or path.name.startswith("."):
            continue
        doc_id = path.name.split(".", 1)[0]
        if doc_id in ids or everything:
            stale.append(path)
    return stale


def _cache_dir() -> Path:
    root = os.environ.get(CACHE_ENV) or Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "chibo"
    return Path(root) / "corpus-build"


@cache
def _build_inputs() -> bytes:
    """What every .docx/.pdf depends on besides its source: this script and the writing libraries."""
    from importlib.metadata import PackageNotFoundError, version

    digest = hashlib.sha256(Path(__file__).read_bytes())
    for package in ("python-docx", "lxml", "fpdf2", "fonttools", "pillow"):
        try:
            digest.update(f"{package}={version(package)};".encode())
        except PackageNotFoundError:
            digest.update(f"{package}=none;".encode())
    digest.update(f"zlib={zlib.ZLIB_RUNTIME_VERSION};python={sys.version_info[:2]}".encode())
    return digest.digest()


@cache
def _font_digest() -> bytes:
    return hashlib.sha256(find_font().read_bytes()).digest()


def _cache_key(path: Path, source: Source) -> str:
    digest = hashlib.sha256(_build_inputs())
    digest.update(path.read_bytes())
    if source.format == "pdf":
        digest.update(_font_digest())
    return digest.hexdigest()


def _cache_get(key: str) -> str | None:
    try:
        return (_cache_dir() / key).read_text().strip()
    except OSError:
        return None


def _cache_put(key: str, value: str) -> None:
    # A cache that cannot be written only costs speed.
    folder = _cache_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        tmp = folder / f".{key}.{os.getpid()}"
        tmp.write_text(value)
        os.replace(tmp, folder / key)
    except OSError:
        pass


def _build_one(path: Path, check: bool, use_cache: bool = True) -> tuple[Path, str]:
    """Parse and build one source; compare with (or write) its doc. Return the doc and its state.

    With the cache, a .docx/.pdf whose inputs (source, this script, library versions, font) were
    built before on this machine, giving exactly the bytes on disk, is not built again: the build is
    deterministic, so the same inputs give the same bytes. txt documents are always built (instant).
    """
    source = parse(path)
    out = target(source)
    on_disk = out.read_bytes() if out.is_file() else None
    key = _cache_key(path, source) if use_cache and source.format != "txt" else None
    if key is not None and on_disk is not None and _cache_get(key) == hashlib.sha256(on_disk).hexdigest():
        return out, "same"
    data = build(source)
    if key is not None:
        _cache_put(key, hashlib.sha256(data).hexdigest())
    if on_disk == data:
        return out, "same"
    if check:
        return out, "out of date" if on_disk is not None else "missing"
    out.write_bytes(data)
    return out, "written"


def _build_all(paths: list[Path], *, check: bool, jobs: int, use_cache: bool) -> list[tuple[Path, str]]:
    if jobs <= 1 or len(paths) < 8:
        return [_build_one(path, check, use_cache) for path in paths]
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=jobs) as pool:
        n = len(paths)
        return list(pool.map(_build_one, paths, [check] * n, [use_cache] * n, chunksize=4))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build corpus/docs from corpus/sources (see corpus/README.md).")
    parser.add_argument("ids", nargs="*", help="document ids to build (default: all)")
    parser.add_argument("--check", action="store_true", help="build in memory; exit 1 if a doc on disk differs")
    parser.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 1, help="worker processes")
    parser.add_argument(
        "--no-cache",
        action="store_true",
        help=f"build every document, even one whose inputs were built before (cache: ${CACHE_ENV})",
    )
    args = parser.parse_args(argv)

    if args.ids:
        paths = []
        for doc_id in args.ids:
            path = SOURCES / f"{doc_id.removesuffix('.src')}.src"
            if not path.is_file():
                print(f"error: no source {path.relative_to(HERE.parent)}", file=sys.stderr)
                return 2
            paths.append(path)
    else:
        paths = sorted(SOURCES.glob("*.src"))
    try:
        sources = [parse(path) for path in paths]  # every markup error before any work
        if not args.check:
            DOCS.mkdir(exist_ok=True)
        results = _build_all(paths, check=args.check, jobs=args.jobs, use_cache=not args.no_cache)
    except BuildError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    stale = _stale(sources, everything=not args.ids)

    if args.check:
        differ = [(path, state) for path, state in results if state != "same"]
        for path, state in differ:
            print(f"{path.relative_to(HERE.parent)}: {state}", file=sys.stderr)
        for path in stale:
            print(f"{path.relative_to(HERE.parent)}: no source builds it", file=sys.stderr)
        if differ or stale:
            print("run: uv run python corpus/build.py", file=sys.stderr)
            return 1
        print(f"{len(results)} documents up to date")
        return 0

    for path in stale:
        path.unlink()
        print(f"removed {path.relative_to(HERE.parent)}")
    written = sum(state == "written" for _, state in results)
    print(f"{len(results)} documents built, {written} written")
    return 0


if __name__ == "__main__":
    sys.exit(main())
