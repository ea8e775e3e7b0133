"""Draft the expected extraction for a saved article page, for a person to check and trim.

    python tests/files/draft_expected.py tests/files/news/article.html URL > tests/files/news/article.expected.json

Then keep in `text_with` only sentences that must be in the text, and add boilerplate
that must not be to `text_without`. Record the file in tests/files/meta.json.
"""

import json
import sys
from pathlib import Path

from councilfacts.documents import html_to_document

if __name__ == "__main__":
    path, url = Path(sys.argv[1]), sys.argv[2]
    doc = html_to_document(path.read_bytes(), url)
    paragraphs = [p for p in doc["text"].split("\n") if p.strip()]
    draft = {k: doc[k] for k in ("title", "published", "updated", "author", "section", "canonical_url")}
    draft["text_with"] = [paragraphs[0], paragraphs[-1]] if paragraphs else []
    draft["text_without"] = []
    print(json.dumps(draft, indent=2, ensure_ascii=False))
