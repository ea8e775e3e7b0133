"""Councils by the names people write: SQL functions `council_code(text)` and `council_candidates(text)`.

Figures carry the gazetteer's official name ("Essex County Council") and GSS code, but
people write "Essex", "Northants", "Kensington and Chelsea" or "E10000012". Each query
connection gets two functions that read the `bodies` table (mySociety's register plus the
short forms in data/gazetteer_aliases.yml, already folded into `alt_names`):

- `council_candidates(text)`: a JSON list of the GSS codes the text may mean, best first;
- `council_code(text)`: the one GSS code it means, or NULL when it means none or several.

Matching, in order, stopping at the first step that finds something:
1. a GSS or register code;
2. the official name, short name or an alias, ignoring case, punctuation, "&"/"and" and
   the kind words ("County Council", "London Borough of" ...): "Essex", "essex county
   council" and "Essex Council" all mean Essex County Council;
3. the text as whole words inside a name ("Kensington" -> Kensington and Chelsea; "Sussex"
   -> East Sussex and West Sussex, a choice).
Never fuzzy: a near miss is offered as a suggestion on the council page, never taken.
/find (find.py) reads councils out of a whole question with the same Resolver: `exact` (steps
1 and 2) for any run of words, step 3 only for words that are not common ones.
"""

from __future__ import annotations

import json
import re

from datasette import hookimpl

DB = "councilfacts"

KIND_PREFIXES = (
    "london borough of", "royal borough of", "metropolitan borough of", "borough council of",
    "city and county of", "council of the", "borough of", "county of", "city of",
)
KIND_SUFFIXES = (
    "metropolitan borough council", "metropolitan district council", "county borough council",
    "city and district council", "borough council", "county council", "district council",
    "city council", "town council", "unitary authority", "combined authority",
    "council", "ua",
)


# Kind words are not stripped where what is left names a bigger place than the authority:
# "City of London" is not what people mean by "London".
KEEP_WHOLE = {"london"}


def norm(text: str | None) -> str:
    """Lower case, '&' as 'and', punctuation and hyphens as spaces, one space between words."""
    text = (text or "").lower().replace("&", " and ").replace("'", "").replace("\u2019", "")
    text = re.sub(r"[^\w]+", " ", text).strip()
    return re.sub(r"^the ", "", text)


def strip_kind(key: str) -> str:
    """A normalised name without the words for the kind of authority: 'london borough of camden' -> 'camden'."""
    changed = True
    while changed:
        changed = False
        for prefix in KIND_PREFIXES:
            if key.startswith(prefix + " ") and len(key) > len(prefix) + 1:
                key, changed = key[len(prefix) + 1 :], True
        for suffix in KIND_SUFFIXES:
            if key.endswith(" " + suffix) and len(key) > len(suffix) + 1:
                key, changed = key[: -len(suffix) - 1], True
    return key


class Resolver:
    def __init__(self, rows):
        """rows: (code, name, nice_name, register_code, alt_names, end_date) from `bodies`."""
        self.codes: dict[str, str] = {}
        self.keys: dict[str, list[str]] = {}
        self.phrases: list[tuple[str, str]] = []  # (normalised name or alias, code)
        self.current: dict[str, bool] = {}
        for code, name, nice_name, register_code, alt_names, end_date in rows:
            if not code:
                continue
            self.current[code] = not end_date
            self.codes[code.upper()] = code
            if register_code:
                self.codes.setdefault(register_code.upper(), code)
            names = [name, nice_name, *(alt_names or "").split("|")]
            for n in {norm(n) for n in names if n and n.strip()}:
                self.phrases.append((n, code))
                stripped = strip_kind(n)
                for key in {n, n if stripped in KEEP_WHOLE else stripped}:
                    if code not in self.keys.setdefault(key, []):
                        self.keys[key].append(code)

    def _order(self, codes):
        return sorted(dict.fromkeys(codes), key=lambda c: (not self.current.get(c, True), c))

    def exact(self, text: str | None, codes: bool = True) -> list[str]:
        """Steps 1 and 2: the councils the text names whole (a code, when `codes`, or a name or alias)."""
        raw = (text or "").strip()
        if codes and raw.upper() in self.codes:
            return [self.codes[raw.upper()]]
        key = norm(raw)
        if not key:
            return []
        return self._order(self.keys.get(key, []) + self.keys.get(strip_kind(key), []))

    def candidates(self, text: str | None) -> list[str]:
        exact = self.exact(text)
        if exact:
            return exact
        key = norm(text)
        if not key:
            return []
        words = re.compile(r"(?<!\w)" + re.escape(strip_kind(key)) + r"(?!\w)")
        return self._order(code for phrase, code in self.phrases if words.search(phrase))

    def code(self, text: str | None) -> str | None:
        found = self.candidates(text)
        return found[0] if len(found) == 1 else None


EMPTY = Resolver([])


def resolver_for(conn) -> Resolver:
    try:
        rows = conn.execute(
            "select code, name, nice_name, register_code, alt_names, end_date from bodies"
        ).fetchall()
    except Exception:  # noqa: BLE001 - no bodies table (yet): names are matched exactly only
        return EMPTY
    return Resolver(rows)


@hookimpl
def prepare_connection(conn, database):
    if database != DB:
        return
    resolver = resolver_for(conn)
    cache: dict[str | None, str | None] = {}

    def council_code(text):
        if text not in cache:
            if len(cache) > 1000:
                cache.clear()
            cache[text] = resolver.code(text)
        return cache[text]

    def council_candidates(text):
        return json.dumps(resolver.candidates(text))

    conn.create_function("council_code", 1, council_code, deterministic=True)
    conn.create_function("council_candidates", 1, council_candidates, deterministic=True)
