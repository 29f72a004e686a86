"""Every language data file loads through its schema, and every language has the same files."""

from __future__ import annotations

import tomllib

import pytest

from extractors.datafiles import DATA_DIR

LANGS = ("vi", "ru", "en")


def test_every_language_has_the_same_data_files():
    names = {lang: sorted(p.name for p in (DATA_DIR / lang).glob("*.toml")) for lang in LANGS}
    assert names["vi"] == names["ru"] == names["en"], names


@pytest.mark.parametrize("path", sorted(DATA_DIR.rglob("*.toml")), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_data_file_is_valid_toml(path):
    with path.open("rb") as fh:
        assert tomllib.load(fh)


def _schemas():
    from extractors.dates import DateData
    from extractors.header import HeaderData
    from extractors.kind import KindData
    from extractors.language import LanguageData
    from extractors.meeting import MeetingData
    from extractors.numbers import DocTypeNames
    from extractors.political import PoliticalData
    from extractors.topics import KeyphraseData, TopicKeywords

    return {
        "dates": DateData,
        "header": HeaderData,
        "doc_types": DocTypeNames,
        "kind": KindData,
        "language": LanguageData,
        "meeting": MeetingData,
        "political": PoliticalData,
        "topics": TopicKeywords,
        "keyphrases": KeyphraseData,
    }


@pytest.mark.parametrize("lang", LANGS)
def test_data_files_validate_against_their_schemas(lang):
    schemas = _schemas()
    files = {p.stem for p in (DATA_DIR / lang).glob("*.toml")}
    assert files == set(schemas), f"a data file without a schema, or a schema without a file: {files ^ set(schemas)}"
    for name, schema in schemas.items():
        with (DATA_DIR / lang / f"{name}.toml").open("rb") as fh:
            schema.model_validate(tomllib.load(fh))


def test_common_data_files_validate():
    from extractors.numbers import NumberData
    from extractors.topics import TopicTaxonomy

    with (DATA_DIR / "common" / "doc_numbers.toml").open("rb") as fh:
        NumberData.model_validate(tomllib.load(fh))
    with (DATA_DIR / "common" / "topics.toml").open("rb") as fh:
        taxonomy = TopicTaxonomy.model_validate(tomllib.load(fh))
    assert len({t.id for t in taxonomy.topics}) == len(taxonomy.topics) == 14
