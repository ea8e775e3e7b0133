"""A gazetteer of UK local authorities, current and abolished, keyed by GSS code.

The data file (data/gazetteer.csv) is built from mySociety's register of local authority
names and codes (CC BY 4.0) plus the short forms in data/gazetteer_aliases.yml, by
`build_gazetteer(src_dir, out)` (CLI: `councilfacts gazetteer build --from DIR`).
One row per authority; `aliases` holds every name the authority is written as, `|`-separated.

Names and time
--------------
Some names meant different bodies at different times: "Northamptonshire" was the county
council until 1 April 2021, after which the area has two unitaries (North and West
Northamptonshire); "North Yorkshire" and "Somerset" were county councils until 2023 and are
unitaries of the same name since. `lookup(name, date=...)` resolves these with the
authorities' dates of existence:

* several authorities answer to the name -> the one that existed on `date`; without a date,
  the current one (no end date), else the most recently ended;
* a *place name* ("Northamptonshire", "Northants") used after the authority it names was
  abolished -> its successor when there is exactly one ("Bournemouth" in 2020 -> BCP
  Council), and None when the area was split (a 2024 "Northamptonshire" could be North or
  West Northamptonshire Council, so nothing is guessed);
* a *council name* ("Northamptonshire County Council") always names that body, whatever
  the date: an article of 2024 about the old county council's debts is about that body.

The register's start dates for long-standing councils are often the date the register
entry was made (e.g. 2005), so start dates are only used to choose between authorities
that answer to the same name, never to reject the only candidate.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date as _date
from pathlib import Path
from typing import Iterable, Iterator

CSV_COLUMNS = [
    "gss_code",
    "register_code",
    "official_name",
    "nice_name",
    "kind_code",
    "kind",
    "nation",
    "region",
    "county_register_code",
    "start_date",
    "end_date",
    "replaced_by",
    "replaced_by_gss",
    "current",
    "former_gss_codes",
    "aliases",
    "needs_council_word",
]
ALIAS_SEP = "|"
CREDIT = "mySociety, UK Local Authority Names and Codes, CC BY 4.0"

# Words that make a name a council's name rather than a place's.
COUNCIL_WORDS = {"council", "authority", "corporation", "borough", "county", "city", "district", "metropolitan"}
_DESIGNATIONS = re.compile(
    r"\b(?:metropolitan borough|metropolitan district|county borough|borough|county|city|district|"
    r"london borough|royal borough|unitary)?\s*council\b|\bcombined authority\b|\bcorporation\b",
    re.I,
)
_SERVICE_SUFFIX = re.compile(
    r"(?:'s)?\s+(?:children's services|children's social care|children's social services|"
    r"social services|social care|children and families services|children's department)$"
)
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-"})


def normalise(name: str) -> str:
    """Case-, accent-, quote- and punctuation-insensitive key of a name."""
    s = name.translate(_QUOTES)
    s = unicodedata.normalize("NFKC", s).lower().strip()
    s = s.replace("&", " and ")
    s = re.sub(r"^the\s+", "", s)
    s = _SERVICE_SUFFIX.sub("", s)
    s = re.sub(r"'s$", "", s)
    s = re.sub(r"[^\w'\s-]", " ", s)
    s = re.sub(r"\s*-\s*", "-", s)
    s = re.sub(r"\s+", " ", s).strip()
    return s


def stem(name: str) -> str:
    """The place part of a council's name: "West Northamptonshire County Council" -> "west northamptonshire"."""
    s = normalise(name)
    s = re.sub(r"^(?:london borough of|royal borough of|city of|city and county of|county of|borough of|council of)\s+", "", s)
    s = re.sub(r"\s+(?:metropolitan borough|metropolitan district|county borough|london borough|borough|county|city|district)?\s*council$", "", s)
    s = re.sub(r",?\s+city of$", "", s)
    return s.strip()


def is_council_name(name: str) -> bool:
    """True when the name itself says it is a council ("X County Council", "London Borough of X")."""
    return bool(_DESIGNATIONS.search(name)) or bool(re.match(r"(?i)^(?:the\s+)?(?:london borough|royal borough|city|borough|council) of\b", name))


def _parse_date(value: str | None) -> _date | None:
    if not value:
        return None
    try:
        return _date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


@dataclass(frozen=True)
class Authority:
    """One local authority of the register."""

    gss_code: str
    register_code: str
    name: str  # official name: the canonical name facts carry
    nice_name: str
    kind_code: str = ""
    kind: str = ""
    nation: str = ""
    region: str = ""
    county_register_code: str = ""
    start_date: str = ""
    end_date: str = ""
    replaced_by: tuple[str, ...] = ()  # register codes
    replaced_by_gss: tuple[str, ...] = ()  # the same, as GSS codes
    current: bool = True
    former_gss_codes: tuple[str, ...] = ()
    aliases: tuple[str, ...] = field(default=(), repr=False)
    needs_council_word: tuple[str, ...] = field(default=(), repr=False)

    @property
    def code(self) -> str | None:
        """The GSS code (the facts' body_code), None for the few authorities without one."""
        return self.gss_code or None

    @property
    def key(self) -> str:
        return self.gss_code or self.register_code

    def exists_on(self, when: _date | str | None) -> bool:
        when = _parse_date(when) if isinstance(when, str) else when
        if when is None:
            return self.current or not self.end_date
        start, end = _parse_date(self.start_date), _parse_date(self.end_date)
        if start and when < start:
            return False
        if end:
            # The register gives abolition either as the last day (31 March) or as the
            # day the successor starts (1 April); the latter is exclusive.
            if (end.month, end.day) == (4, 1):
                return when < end
            return when <= end
        return True

    def as_dict(self) -> dict:
        return {"name": self.name, "code": self.code}


@dataclass(frozen=True)
class Match:
    """A name found in text by `Gazetteer.find`."""

    start: int
    end: int
    text: str
    authority: Authority


class Gazetteer:
    """The authorities and every name they answer to."""

    def __init__(self, authorities: Iterable[Authority]):
        self.authorities: list[Authority] = list(authorities)
        self.by_key: dict[str, Authority] = {}
        self.by_register: dict[str, Authority] = {}
        self._official: dict[str, list[Authority]] = {}
        self._names: dict[str, list[Authority]] = {}
        self._stems: dict[str, list[Authority]] = {}
        for a in self.authorities:
            self.by_key[a.key] = a
            if a.gss_code:
                self.by_key[a.gss_code.upper()] = a
            for old in a.former_gss_codes:
                self.by_key.setdefault(old, a)
            self.by_register[a.register_code] = a
            self._official.setdefault(a.name, []).append(a)
            for n in (a.name, a.nice_name, *a.aliases):
                k = normalise(n)
                if k and a not in self._names.setdefault(k, []):
                    self._names[k].append(a)
                s = stem(n)
                if s and a not in self._stems.setdefault(s, []):
                    self._stems[s].append(a)
        self._fuzzy_keys = list(self._names)
        self._regex: re.Pattern | None = None

    # -- loading -------------------------------------------------------------------------
    @classmethod
    def load(cls, path: str | Path | None = None) -> "Gazetteer":
        if path is None:
            from councilfacts.data import DATA_DIR

            path = DATA_DIR / "gazetteer.csv"
        with open(path, newline="", encoding="utf-8") as fh:
            return cls(_authority_from_row(r) for r in csv.DictReader(fh))

    @classmethod
    def from_rows(cls, rows: Iterable[dict]) -> "Gazetteer":
        return cls(_authority_from_row(r) for r in rows)

    def to_rows(self) -> list[dict]:
        return [_row_from_authority(a) for a in self.authorities]

    def __len__(self) -> int:
        return len(self.authorities)

    def __iter__(self) -> Iterator[Authority]:
        return iter(self.authorities)

    def get(self, code: str) -> Authority | None:
        """By GSS code (current or former) or register code."""
        if not code:
            return None
        code = code.strip()
        return self.by_key.get(code) or self.by_key.get(code.upper()) or self.by_register.get(code.upper())

    def by_site(self, host: str) -> Authority | None:
        """The current council whose own web site `host` is ("www.thurrock.gov.uk",
        "thurrock.gov.uk"): its first label is the council's short name run together."""
        m = re.match(r"(?i)^(?:www\.)?([a-z-]+)\.gov\.uk$", host.strip())
        if m is None:
            return None
        label = m.group(1).lower().replace("-", "")
        found = [a for a in self.authorities if a.current and a.kind_code != "COMB"
                 and re.sub(r"[^a-z]", "", a.nice_name.lower()) == label]
        return found[0] if len(found) == 1 else None

    def successors(self, authority: Authority) -> list[Authority]:
        return [self.by_register[c] for c in authority.replaced_by if c in self.by_register]

    # -- lookup --------------------------------------------------------------------------
    def candidates(self, name: str) -> tuple[list[Authority], str]:
        """Authorities answering to `name` and how they were found (exact|code|name|stem|fuzzy|'')."""
        if not name or not name.strip():
            return [], ""
        name = name.strip()
        if name in self._official:
            return list(self._official[name]), "exact"
        if re.fullmatch(r"[ENSW]\d{8}", name.upper()) or re.fullmatch(r"[A-Z]{3,4}", name):
            hit = self.get(name)
            if hit:
                return [hit], "code"
        key = normalise(name)
        if key in self._names:
            return list(self._names[key]), "name"
        s = stem(name)
        if s and s in self._stems and is_council_name(name):
            return list(self._stems[s]), "stem"
        if len(key) >= 6:
            from rapidfuzz import fuzz, process

            best = process.extract(key, self._fuzzy_keys, scorer=fuzz.ratio, score_cutoff=90, limit=3)
            # a slip in a long name, not a different short name: "Town Council" is not
            # "Down Council", "Wales Council" is not "Swale Council"
            q = stem(name)
            best = [b for b in best if len(q) >= 5 and stem(b[0])[:3] == q[:3]]
            if best:
                top = best[0][1]
                found: list[Authority] = []
                for k, score, _ in best:
                    if score >= top - 0.01:
                        for a in self._names[k]:
                            if a not in found:
                                found.append(a)
                return found, "fuzzy"
        return [], ""

    def lookup(self, name: str, date: _date | str | None = None) -> Authority | None:
        """The authority `name` refers to (on `date`, if given), or None when unknown or ambiguous.

        Tries the exact official name, a GSS/register code, the normalised name or alias,
        the place part of a council name ("X Borough Council" -> X), then a near-miss
        (rapidfuzz ratio >= 90 on names of 6+ characters whose place part starts the same).
        See the module docstring for how
        dates decide between authorities.
        """
        found, how = self.candidates(name)
        if not found:
            return None
        return self.resolve(found, name, date, how)

    def resolve(self, found: list[Authority], name: str, date=None, how: str = "name") -> Authority | None:
        when = _parse_date(date) if isinstance(date, str) else date
        if len(found) > 1:
            # Combined authorities share place names with their member councils.
            councils = [a for a in found if a.kind_code != "COMB"]
            found = councils or found
        if len(found) > 1:
            if when is not None:
                living = [a for a in found if a.exists_on(when)]
                if len(living) == 1:
                    return living[0]
                if living:
                    found = living
            current = [a for a in found if not a.end_date]
            if len(current) == 1 and when is None:
                return current[0]
            if when is not None and not any(a.exists_on(when) for a in found):
                ended = sorted(found, key=lambda a: a.end_date or "9999")
                found = [a for a in ended if (a.end_date or "") <= when.isoformat()][-1:] or found
            if len(found) > 1:
                return None
        a = found[0]
        if when is not None and how not in ("exact", "code") and not is_council_name(name) and a.end_date:
            end = _parse_date(a.end_date)
            if end and not a.exists_on(when) and when > end:
                # A place name used after its council was abolished means the successor.
                seen = set()
                cur = a
                while cur.end_date and not cur.exists_on(when) and cur.register_code not in seen:
                    seen.add(cur.register_code)
                    nxt = self.successors(cur)
                    if len(nxt) != 1:
                        return None
                    cur = nxt[0]
                return cur
        return a

    # -- finding names in text ----------------------------------------------------------
    def surface_forms(self) -> Iterator[tuple[str, Authority, bool]]:
        """(alias, authority, needs_council_word) for every name written in text."""
        for a in self.authorities:
            seen = set()
            for n in (a.name, a.nice_name, *a.aliases):
                if n and n not in seen:
                    seen.add(n)
                    yield n, a, n in a.needs_council_word

    def find(self, text: str, date: _date | str | None = None) -> list[Match]:
        """Non-overlapping mentions of authorities in plain text, longest first, left to right.

        Names are matched case-insensitively on word boundaries but must start with a capital
        letter in the text (or be all capitals), so "reading the report" is not Reading;
        names in `needs_council_word` match only when a council word follows.
        """
        if self._regex is None:
            forms = sorted({n for n, _, _ in self.surface_forms() if len(n) >= 3}, key=len, reverse=True)
            alts = "|".join(_flex(f) for f in forms)
            self._regex = re.compile(rf"(?<![\w-])(?:{alts})(?![\w-])", re.I)
        out: list[Match] = []
        for m in self._regex.finditer(text.translate(_QUOTES)):
            s = text[m.start() : m.end()]
            if not (s[0].isupper() or s[0].isdigit()):
                continue
            found, how = self.candidates(s)
            if not found:
                continue
            if not is_council_name(s) and all(normalise(s) in {normalise(w) for w in a.needs_council_word} for a in found):
                continue
            a = self.resolve(found, s, date, how)
            if a is not None:
                out.append(Match(m.start(), m.end(), s, a))
        return out


def _flex(name: str) -> str:
    """Regex for a name allowing any run of whitespace between words and ' or \u2019."""
    parts = [re.escape(p) for p in name.split()]
    return r"\s+".join(parts)


def _authority_from_row(r: dict) -> Authority:
    def split(v):
        return tuple(x.strip() for x in (v or "").split(ALIAS_SEP) if x.strip())

    return Authority(
        gss_code=(r.get("gss_code") or "").strip(),
        register_code=(r.get("register_code") or "").strip(),
        name=r["official_name"].strip(),
        nice_name=(r.get("nice_name") or "").strip(),
        kind_code=r.get("kind_code") or "",
        kind=r.get("kind") or "",
        nation=r.get("nation") or "",
        region=r.get("region") or "",
        county_register_code=r.get("county_register_code") or "",
        start_date=r.get("start_date") or "",
        end_date=r.get("end_date") or "",
        replaced_by=split(r.get("replaced_by")),
        replaced_by_gss=split(r.get("replaced_by_gss")),
        current=str(r.get("current", "True")).strip().lower() in ("true", "1", "yes"),
        former_gss_codes=split(r.get("former_gss_codes")),
        aliases=split(r.get("aliases")),
        needs_council_word=split(r.get("needs_council_word")),
    )


def _row_from_authority(a: Authority) -> dict:
    return {
        "gss_code": a.gss_code,
        "register_code": a.register_code,
        "official_name": a.name,
        "nice_name": a.nice_name,
        "kind_code": a.kind_code,
        "kind": a.kind,
        "nation": a.nation,
        "region": a.region,
        "county_register_code": a.county_register_code,
        "start_date": a.start_date,
        "end_date": a.end_date,
        "replaced_by": ALIAS_SEP.join(a.replaced_by),
        "replaced_by_gss": ALIAS_SEP.join(a.replaced_by_gss),
        "current": "True" if a.current else "False",
        "former_gss_codes": ALIAS_SEP.join(a.former_gss_codes),
        "aliases": ALIAS_SEP.join(a.aliases),
        "needs_council_word": ALIAS_SEP.join(a.needs_council_word),
    }


# ---------------------------------------------------------------------------------------
# Building data/gazetteer.csv from mySociety's register
# ---------------------------------------------------------------------------------------
SOURCE_FILES = ("mysociety_uk_local_authorities.csv", "uk_local_authorities.csv")
LOOKUP_FILES = ("mysociety_lookup_name_to_registry.csv", "lookup_name_to_registry.csv")


def _generated_forms(r: dict) -> list[str]:
    """The ways a council is written that the register leaves out ("X County Council", ...)."""
    official, nice, kind = r["official-name"].strip(), r["nice-name"].strip(), r["local-authority-type"]
    if kind in ("COMB", "SRA", "CC"):
        return []
    base = re.sub(r"^City of\s+", "", nice)
    base = re.sub(r"\s+County$", "", base)
    base = re.sub(r",\s*City of$", "", base)
    if base.lower().endswith(" council"):
        base = base[: -len(" council")]
    forms = [base, f"{base} Council"]
    if kind == "CTY" or " County Council" in official:
        forms += [f"{base} County Council", f"{base} County"]
    if "Borough" in official:
        forms.append(f"{base} Borough Council")
    if "City" in official:
        forms.append(f"{base} City Council")
    if kind == "NMD" and "District" in official:
        forms.append(f"{base} District Council")
    if kind == "MD":
        forms += [f"{base} Metropolitan Borough Council", f"{base} Metropolitan District Council"]
    if kind == "LBO":
        forms += [f"London Borough of {base}", f"{base} London Borough Council", f"{base} Borough Council"]
        if official.startswith("Royal Borough"):
            forms.append(f"Royal Borough of {base}")
    if kind == "WPA":
        forms.append(f"{base} County Borough Council")
    return forms


def _overlap(a: dict, b: dict) -> bool:
    s1, e1 = a["start-date"] or "0000", a["end-date"] or "9999"
    s2, e2 = b["start-date"] or "0000", b["end-date"] or "9999"
    # an end of 1 April and a start of 1 April do not overlap
    return s1 < e2 and s2 < e1


def build(source_csv: str | Path, lookup_csv: str | Path | None, out_csv: str | Path, aliases_yml: str | Path | None = None) -> int:
    """Write the gazetteer CSV from the register (and its name lookup) plus hand short forms; return rows."""
    import yaml

    with open(source_csv, newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    lookup: dict[str, list[str]] = {}
    if lookup_csv and Path(lookup_csv).exists():
        with open(lookup_csv, newline="", encoding="utf-8") as fh:
            for r in csv.DictReader(fh):
                lookup.setdefault(r["local-authority-code"].strip(), []).append(r["la-name"].strip())
    if aliases_yml is None:
        from councilfacts.data import DATA_DIR

        aliases_yml = DATA_DIR / "gazetteer_aliases.yml"
    hand = yaml.safe_load(Path(aliases_yml).read_text(encoding="utf-8")) if Path(aliases_yml).exists() else {}
    short_forms: dict[str, list[str]] = (hand or {}).get("short_forms") or {}
    needs_word = {normalise(w) for w in (hand or {}).get("needs_council_word") or []}
    code_changes: dict[str, str] = (hand or {}).get("gss_code_changes") or {}
    by_code = {r["local-authority-code"]: r for r in rows}

    # Names the register itself gives each authority.
    data_names: dict[str, list[str]] = {}
    for r in rows:
        code = r["local-authority-code"]
        names = [r["official-name"].strip(), r["nice-name"].strip()] + lookup.get(code, [])
        comma_names = [n for n in names if "," in n]
        for part in (r.get("alt-names") or "").split(","):
            part = part.strip()
            if not part or len(part) < 3:
                continue
            low = part.lower()
            # alt-names is comma-separated but names contain commas ("Bristol, City of");
            # drop fragments of such names.
            if low in ("city of",) or any(low in [p.strip().lower() for p in cn.split(",")] and low != cn.lower() for cn in comma_names):
                continue
            names.append(part)
        data_names[code] = names
    owners: dict[str, set[str]] = {}
    for code, names in data_names.items():
        for n in names:
            owners.setdefault(normalise(n), set()).add(code)

    out_rows = []
    for r in rows:
        code = r["local-authority-code"]
        aliases: list[str] = []
        seen: set[str] = set()

        def add(n: str, generated: bool) -> None:
            k = normalise(n)
            if not k or k in seen:
                return
            others = owners.get(k, set()) - {code}
            if others:
                clash = [o for o in others if _overlap(r, by_code[o])]
                if generated and clash:
                    return  # another authority's name at the same time: not ours to take
                if r["local-authority-type"] == "COMB" and any(by_code[o]["local-authority-type"] != "COMB" for o in clash):
                    return  # a member council's name, not the combined authority's
            seen.add(k)
            aliases.append(n)

        for n in data_names[code]:
            add(n, False)
        for n in _generated_forms(r):
            add(n, True)
        for n in short_forms.get(code, []) or []:
            add(str(n), True)
        # keep the official and nice names out of the alias list (they have columns)
        aliases = [n for n in aliases if n not in (r["official-name"].strip(), r["nice-name"].strip())]
        needs = [n for n in [r["nice-name"].strip(), *aliases] if normalise(n) in needs_word]
        if r["local-authority-type"] in ("COMB", "SRA"):
            # "West Midlands", "Greater Manchester": regions far more often than authorities.
            needs += [n for n in [r["nice-name"].strip(), *aliases] if not is_council_name(n)]
        gss = r["gss-code"].strip()
        former = [c.strip() for c in (r.get("former-gss-codes") or "").split(",") if c.strip()]
        if gss in code_changes:  # a code ONS changed after the register's copy: the new one, the old kept as former
            gss, former = code_changes[gss], [gss, *former]
        out_rows.append(
            {
                "gss_code": gss,
                "register_code": code,
                "official_name": r["official-name"].strip(),
                "nice_name": r["nice-name"].strip(),
                "kind_code": r["local-authority-type"],
                "kind": r["local-authority-type-name"],
                "nation": r["nation"],
                "region": r["region"],
                "county_register_code": r.get("county-la", ""),
                "start_date": r["start-date"],
                "end_date": r["end-date"],
                "replaced_by": ALIAS_SEP.join(c.strip() for c in (r.get("replaced-by") or "").split(",") if c.strip()),
                "current": r.get("current-authority", "True"),
                "former_gss_codes": ALIAS_SEP.join(former),
                "aliases": ALIAS_SEP.join(aliases),
                "needs_council_word": ALIAS_SEP.join(dict.fromkeys(needs)),
            }
        )
    for row in out_rows:
        row["replaced_by_gss"] = ALIAS_SEP.join(
            code_changes.get(by_code[c]["gss-code"].strip(), by_code[c]["gss-code"].strip())
            for c in row["replaced_by"].split(ALIAS_SEP) if c in by_code and by_code[c]["gss-code"].strip()
        )
    out_rows.sort(key=lambda x: (x["nation"], x["official_name"]))
    out_csv = Path(out_csv)
    out_csv.parent.mkdir(parents=True, exist_ok=True)
    tmp = out_csv.with_suffix(".csv.tmp")
    with open(tmp, "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=CSV_COLUMNS, lineterminator="\n")
        w.writeheader()
        w.writerows(out_rows)
    tmp.replace(out_csv)
    return len(out_rows)


def build_gazetteer(src_dir: Path, out: Path | None = None) -> int:
    """Rebuild the gazetteer CSV from a directory holding mySociety's register files.

    `src_dir` must hold uk_local_authorities.csv (or mysociety_uk_local_authorities.csv) and
    may hold lookup_name_to_registry.csv (or the mysociety_ prefixed name). Hand short forms
    come from data/gazetteer_aliases.yml. Returns the number of rows written.
    """
    src_dir = Path(src_dir)
    if out is None:
        from councilfacts.data import DATA_DIR

        out = DATA_DIR / "gazetteer.csv"
    source = next((src_dir / f for f in SOURCE_FILES if (src_dir / f).exists()), None)
    if source is None:
        raise FileNotFoundError(f"no {' or '.join(SOURCE_FILES)} in {src_dir}")
    lookup = next((src_dir / f for f in LOOKUP_FILES if (src_dir / f).exists()), None)
    return build(source, lookup, out)
