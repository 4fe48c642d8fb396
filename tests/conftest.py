"""Test set-up: Qt offscreen before any QApplication, and small shared fixtures."""

import os
import tempfile
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Never touch the user's own "last library" note.
os.environ["LIVEASSETS_CONFIG"] = tempfile.mkdtemp(prefix="liveassets-config-")

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "photos"


@pytest.fixture
def library(tmp_path):
    from liveassets.catalog.catalog import Catalog

    cat = Catalog(tmp_path / "lib")
    yield cat
    cat.close()


@pytest.fixture
def corpus():
    if not CORPUS.is_dir():
        pytest.skip("shared/corpus is not beside the repo")
    return CORPUS
