"""The saved responses are complete: each has its meta entry (URL, date written), and the
article with an expected extraction still extracts to it (draft with tests/files/draft_expected.py)."""

from __future__ import annotations

import json

import pytest

from councilfacts.documents import html_to_document

from .conftest import FILES

META = json.loads((FILES / "meta.json").read_text())
SAVED = sorted(str(p.relative_to(FILES)) for d in ("news", "moderngov", "ofsted") for p in (FILES / d).iterdir() if not p.name.endswith(".expected.json"))


@pytest.mark.parametrize("name", SAVED)
def test_every_saved_response_has_meta(name):
    assert name in META and META[name]["url"].startswith("https://") and META[name]["written"]


@pytest.mark.parametrize("name", [n for n in META if "expected" in META[n]])
def test_expected_extraction(name):
    expected = json.loads((FILES / META[name]["expected"]).read_text())
    doc = html_to_document((FILES / name).read_bytes(), META[name]["url"])
    for key in ("title", "published", "updated", "author", "section", "canonical_url"):
        assert doc[key] == expected[key], key
    for text in expected["text_with"]:
        assert text in doc["text"]
    for text in expected["text_without"]:
        assert text not in doc["text"]
