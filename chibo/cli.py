"""The `chibo` command line."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="chibo: read party resolutions and party-cell meeting minutes into structured, evidence-linked records.",
)

SUPPORTED_SUFFIXES = (".txt", ".docx", ".pdf")


class OutputFormat(StrEnum):
    json = "json"
    jsonl = "jsonl"
    table = "table"


def expand_paths(paths: list[Path]) -> list[Path]:
    """Return the files to process: files as given, folders searched recursively by extension.

    A missing path is a usage error (exit status 2), not a failed document.
    """
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES)
            files.extend(found)
        elif path.exists() or path.is_symlink():
            files.append(path)
        else:
            raise typer.BadParameter(f"no such file or folder: {path}", param_hint="PATH")
    return files


@app.command()
def extract(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders (searched recursively for .txt, .docx, .pdf).")],
    output_format: Annotated[OutputFormat, typer.Option("--format", "-f", help="Output format.")] = OutputFormat.jsonl,
    with_text: Annotated[bool, typer.Option("--with-text", help="Include the normalised text in each record.")] = False,
) -> None:
    """Extract one structured record per document; failed documents are reported, the batch goes on."""
    from extractors import process

    files = expand_paths(paths)
    if output_format is OutputFormat.table:
        _print_table([process(f, with_text=False) for f in files])
        return
    out = sys.stdout
    if output_format is OutputFormat.json:
        out.write("[")
    for i, path in enumerate(files):
        record = process(path, with_text=with_text).model_dump_json(exclude_none=False)
        if output_format is OutputFormat.json:
            out.write(("," if i else "") + "\n" + record)
        else:
            out.write(record + "\n")
        out.flush()
    if output_format is OutputFormat.json:
        out.write("\n]\n")


def _print_table(results) -> None:
    table = Table(title=f"chibo extract: {len(results)} documents", show_lines=False)
    columns = ("document", "status", "lang", "kind", "number", "date", "nums", "dates", "meeting", "tasks", "issues")
    for column in columns:
        table.add_column(column, overflow="fold", no_wrap=column != "issues")
    for r in results:
        header = r.header
        meeting = r.meeting
        political = r.political_tasks
        table.add_row(
            Path(r.path).name,
            r.status,
            r.language or "",
            r.kind or "",
            (header.number if header else None) or "",
            (header.date if header else None) or "",
            str(len(r.doc_numbers)),
            str(len(r.dates)),
            _meeting_cell(meeting),
            "" if political is None else f"{'yes' if political.addressed else 'no'} {political.score:.2f}",
            "; ".join(e.message for e in r.errors)[:100],
        )
    console = Console(width=max(150, Console().width))
    console.print(table)
    counts = {s: sum(r.status == s for r in results) for s in ("ok", "partial", "failed")}
    meetings = [r for r in results if r.political_tasks is not None]
    addressed = sum(r.political_tasks.addressed for r in meetings)
    console.print(
        f"ok {counts['ok']}, partial {counts['partial']}, failed {counts['failed']}; "
        f"{sum(len(r.doc_numbers) for r in results)} document numbers, {sum(len(r.dates) for r in results)} dates; "
        f"{len(meetings)} meetings, {addressed} of them addressed political tasks"
    )


def _meeting_cell(meeting) -> str:
    """ "2024-01-26 9/10": the meeting's date and attendance (present / total members)."""
    if meeting is None:
        return ""
    date = meeting.date.value if meeting.date else "?"
    present, total = meeting.attendance.present, meeting.attendance.total_members
    if present is None and total is None:
        return date
    return f"{date} {present.value if present else '?'}/{total.value if total else '?'}"


@app.command()
def train(
    corpus: Annotated[Path, typer.Option(help="Corpus folder holding gold/ and docs/.")] = Path("corpus"),
    out: Annotated[Path | None, typer.Option(help="Where to write the model (default: the shipped one).")] = None,
    epochs: Annotated[int, typer.Option(min=1, help="Passes over the training split.")] = 30,
    seed: Annotated[int, typer.Option(help="Random seed (same seed, same corpus: same model).")] = 0,
) -> None:
    """Train the topic and political-task classifier on the corpus's train split; report the dev split."""
    from extractors.classifier import MODEL_DIR
    from extractors.training import train as run_training

    if not (corpus / "gold").is_dir():
        raise typer.BadParameter(f"no gold/ folder in {corpus}", param_hint="--corpus")
    try:
        report, info = run_training(corpus, out or MODEL_DIR, epochs=epochs, seed=seed)
    except FileNotFoundError as exc:
        raise typer.BadParameter(str(exc), param_hint="--corpus") from exc
    console = Console()
    console.print(
        f"trained on {info['train_documents']} documents in {info['seconds']} s; dev split {report.documents}: "
        f"political-task accuracy {report.political_accuracy:.3f} (model alone), topic micro-F1 "
        f"{report.topic_f1:.3f} (P {report.topic_precision:.3f} R {report.topic_recall:.3f}); "
        f"saved to {out or MODEL_DIR}"
    )


@app.command()
def schema() -> None:
    """Print the JSON Schema of one extracted record (generated from the pydantic models)."""
    from models.records import DocumentResult

    typer.echo(json.dumps(DocumentResult.model_json_schema(), ensure_ascii=False, indent=2))


def main() -> None:  # pragma: no cover - console entry point
    app()


if __name__ == "__main__":  # pragma: no cover
    app()
