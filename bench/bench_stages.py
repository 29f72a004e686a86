"""Where the time goes: each pipeline stage's share of the time, on one core.

    uv run python bench/bench_stages.py                       # the corpus documents (corpus/docs)
    uv run python bench/bench_stages.py 'some/folder/*.docx'  # any files

Runs load, normalise, language detection, tokenisation and every spaCy component separately over
the files, `--passes` times after a warm-up pass (patterns compiled, models loaded), and prints the
total CPU time of each stage with its share. Within `chibo_classify`, the trained classifier's own
call is timed too (it runs on meeting documents only).
"""

from __future__ import annotations

import argparse
import glob
import os
import sys
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

import extractors.classifier as classifier  # noqa: E402
from extractors.language import detect_language  # noqa: E402
from extractors.layout import furniture  # noqa: E402
from extractors.loaders import load  # noqa: E402
from extractors.nlp import get_nlp  # noqa: E402
from extractors.normalise import normalise  # noqa: E402


def run(files: list[Path], totals: Counter) -> int:
    """Process every file stage by stage, adding CPU seconds per stage to `totals`; return bytes of text."""
    size = 0
    for path in files:
        clock = time.process_time()

        def lap(stage: str) -> None:
            nonlocal clock
            now = time.process_time()
            totals[stage] += now - clock
            clock = now

        raw = load(path)
        lap("load")
        text = normalise(raw)
        lap("normalise")
        size += len(text.text.encode())
        lang = detect_language(text.text)[0] or "vi"
        lap("language")
        nlp = get_nlp(lang)
        doc = nlp.make_doc(text.text)
        doc._.furniture = furniture(text.text, text.blocks)
        lap("tokenize")
        for name, component in nlp.pipeline:
            doc = component(doc)
            lap(name)
    return size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("pattern", nargs="?", default="corpus/docs/*", help="glob of files (from the repo root)")
    parser.add_argument("--passes", type=int, default=3)
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})  # one core
    files = [Path(p) for p in sorted(glob.glob(args.pattern)) if Path(p).suffix.lower() in (".txt", ".docx", ".pdf")]
    if not files:
        raise SystemExit(f"no .txt/.docx/.pdf files match {args.pattern}")
    model_seconds = 0.0
    predict = classifier.predict

    def timed_predict(text, model=None):  # the classifier's own share inside chibo_classify
        nonlocal model_seconds
        start = time.process_time()
        try:
            return predict(text, model)
        finally:
            model_seconds += time.process_time() - start

    classifier.predict = timed_predict
    run(files, Counter())  # warm-up
    model_seconds = 0.0
    totals: Counter = Counter()
    size = sum(run(files, totals) for _ in range(args.passes))
    total = sum(totals.values())
    print(f"command: uv run python bench/bench_stages.py {args.pattern!r} --passes {args.passes}")
    for stage, seconds in totals.most_common():
        print(f"{stage:20s} {seconds / args.passes * 1000 / len(files):7.2f} ms/doc {100 * seconds / total:5.1f}%")
    core = sum(v for k, v in totals.items() if k not in ("chibo_meeting", "chibo_classify"))
    print(
        f"  of which the classifier model: {100 * model_seconds / total:.1f}% "
        f"(it adds {100 * model_seconds / core:.0f}% to the core stages)"
    )
    print(
        f"{len(files)} files: {len(files) * args.passes / total:.0f} docs/s, {size / 1e6 / total:.2f} MB/s of text; "
        f"meeting + classify add {100 * (total - core) / core:.0f}% to the core stages"
    )


if __name__ == "__main__":
    main()
