"""Load language data files (`extractors/data/<lang>/<name>.toml`) through pydantic schemas."""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel

DATA_DIR = Path(__file__).parent / "data"

M = TypeVar("M", bound=BaseModel)


def data_path(lang: str, name: str) -> Path:
    """Return the path of a data file; `lang` is a language code or `common`."""
    return DATA_DIR / lang / f"{name}.toml"


@cache
def load_toml(lang: str, name: str, model: type[M]) -> M:
    """Load and validate `data/<lang>/<name>.toml` (cached); unknown keys are an error."""
    path = data_path(lang, name)
    with path.open("rb") as fh:
        return model.model_validate(tomllib.load(fh))
