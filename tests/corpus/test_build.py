"""The built documents in corpus/docs are what corpus/build.py makes from corpus/sources today."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_corpus_docs_are_up_to_date():
    # A .docx/.pdf whose inputs were built before on this machine is checked by hash (see build.py);
    # `uv run python corpus/build.py --check --no-cache` rebuilds everything.
    result = subprocess.run(
        [sys.executable, str(ROOT / "corpus" / "build.py"), "--check"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=600,
    )
    assert result.returncode == 0, f"corpus/docs is out of date:\n{result.stderr}{result.stdout}"
