"""The source registry: every UK council's committee papers, Ofsted page and local news, as data.

`data/registry.csv` is built from public lists by `build()` (CLI: `councilfacts sources
build`), re-runnable when a newer list is published:

* Democracy Club's LGSF list of councils with their committee system and base URL
  (`lgsf_council_cms_base_urls.csv`): a `moderngov` source for each ModernGov council, a
  `cmis` source for each CMIS council;
* the Ofsted provider URN of every English local authority's children's services
  (`provider_lookup.csv`): an `ofsted` source with its provider page;
* the regional news titles in `data/news_titles.yml`: a `news` source each.

Every row carries its council's GSS code, found in the gazetteer (data/gazetteer.csv) by
register code, GSS code or exact name, never by a fuzzy guess. Rows that match nothing,
and platforms without a spider, go to `data/registry_unmatched.csv` and are printed.

`catalogue(sources_file)` is what the crawl reads: the registry's entries, with the
sources file's entries on top (same name: the file's keys win; new names: added).
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable
from urllib.parse import urlparse

import yaml

from councilfacts.data import DATA_DIR

REGISTRY = DATA_DIR / "registry.csv"
UNMATCHED = DATA_DIR / "registry_unmatched.csv"
NEWS_TITLES = DATA_DIR / "news_titles.yml"
COLUMNS = [
    "name", "spider", "council_code", "council_name", "covers", "url", "start_urls",
    "allowed_domains", "options", "confirmed", "council_current", "origin",
]
UNMATCHED_COLUMNS = ["origin", "row", "name", "code", "detail", "reason"]
PLATFORMS = {"ModernGov": "moderngov", "CMIS": "cmis"}
OFSTED_PAGE = "https://reports.ofsted.gov.uk/provider/44/{urn}"
OFSTED_DOMAINS = ["reports.ofsted.gov.uk", "files.ofsted.gov.uk"]
LIST_SEP = "|"


class RegistryError(ValueError):
    """An input list is missing or not in the shape expected."""


def slug(text: str) -> str:
    text = text.lower().replace("&", " and ")
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def cmis_root(url: str) -> str:
    """The CMIS site a page belongs to: its first folder, and any further 'cmis' folders.

    LGSF lists a councillors page: https://cmis.essex.gov.uk/EssexCmis5/Councillors.aspx
    -> https://cmis.essex.gov.uk/EssexCmis5/; .../committees/cmis5/Members.aspx ->
    .../committees/cmis5/; https://carlisle.cmis.uk.com/CarlisleCityCouncillors.aspx -> /.
    """
    parts = urlparse(url.strip())
    segments = [s for s in parts.path.split("/") if s]
    keep: list[str] = []
    for i, seg in enumerate(segments):
        page = "." in seg or (i + 1 < len(segments) and segments[i + 1].lower() == "tabid")
        if page or (keep and "cmis" not in seg.lower()):
            break
        keep.append(seg)
    path = "/" + "".join(s + "/" for s in keep)
    return f"{parts.scheme}://{parts.netloc}{path}"


# --------------------------------------------------------------------------- matching


@dataclass
class Matcher:
    """Exact matching to the gazetteer: register code, GSS code (current or former), name."""

    gazetteer: Any
    unmatched: list[dict] = field(default_factory=list)

    def match(self, origin: str, row: int, name: str, code: str = "", detail: str = ""):
        g = self.gazetteer
        a = g.get(code) if code else None
        if a is not None and a.code:
            return a
        found, how = g.candidates(name) if name else ([], "")
        if how in ("exact", "code", "name") and len(found) == 1 and found[0].code:
            return found[0]
        reason = "no council in the gazetteer has this code or name"
        if how in ("fuzzy", "stem"):
            reason = f"only a near name matches ({', '.join(a.name for a in found)}): not taken"
        elif len(found) > 1:
            reason = f"the name means several councils ({', '.join(a.name for a in found)})"
        self.unmatched.append({"origin": origin, "row": row, "name": name, "code": code, "detail": detail, "reason": reason})
        return None


def _row(name, spider, authority, url, origin, *, covers=(), start_urls=(), domains=(), options=None, confirmed=True) -> dict:
    return {
        "name": name,
        "spider": spider,
        "council_code": authority.code,
        "council_name": authority.name,
        "covers": LIST_SEP.join(c for c in covers if c and c != authority.code),
        "url": url,
        "start_urls": LIST_SEP.join(start_urls),
        "allowed_domains": LIST_SEP.join(domains),
        "options": yaml.safe_dump(options, default_flow_style=True, width=10_000).strip() if options else "",
        # a council that is gone may have taken its committee site with it: not vouched for
        "confirmed": "true" if confirmed and not authority.end_date else "false",
        "council_current": "true" if not authority.end_date else "false",
        "origin": origin,
    }


def _read_csv(path: Path, needed: set[str]) -> list[dict]:
    try:
        with open(path, newline="", encoding="utf-8-sig") as fh:
            reader = csv.DictReader(fh)
            missing = needed - set(reader.fieldnames or [])
            if missing:
                raise RegistryError(f"{path}: expected columns {sorted(missing)} are missing")
            return list(reader)
    except FileNotFoundError:
        raise RegistryError(f"{path}: no such file") from None


def committee_rows(path: Path, m: Matcher) -> list[dict]:
    """A moderngov or cmis row for each council of the LGSF list on those platforms."""
    out = []
    for i, r in enumerate(_read_csv(path, {"official_identifier", "official_name", "cms_type", "base_url"}), start=2):
        cms, url = (r.get("cms_type") or "").strip(), (r.get("base_url") or "").strip()
        a = m.match("lgsf", i, r["official_name"], r["official_identifier"], f"{cms} {url}".strip())
        if a is None:
            continue
        spider = PLATFORMS.get(cms)
        if spider is None:
            m.unmatched.append({"origin": "lgsf", "row": i, "name": r["official_name"], "code": a.code,
                                "detail": f"{cms} {url}".strip(), "reason": f"no spider for the platform {cms or '(none given)'!r}"})
            continue
        base = cmis_root(url) if spider == "cmis" else url.rstrip("/")
        out.append(_row(slug(a.nice_name) if spider == "moderngov" else f"cmis-{slug(a.nice_name)}", spider, a, base, "lgsf"))
    return out


def ofsted_rows(path: Path, m: Matcher) -> list[dict]:
    """An ofsted row (the provider page) for each local authority's children's services."""
    out = []
    for i, r in enumerate(_read_csv(path, {"urn", "gss_code", "local_authority"}), start=2):
        urn = (r.get("urn") or "").strip()
        a = m.match("ofsted", i, r["local_authority"], r["gss_code"], f"URN {urn}")
        if a is None:
            continue
        if not urn.isdigit():
            m.unmatched.append({"origin": "ofsted", "row": i, "name": r["local_authority"], "code": a.code,
                                "detail": f"URN {urn!r}", "reason": "the URN is not a number"})
            continue
        page = OFSTED_PAGE.format(urn=urn)
        out.append(_row(f"ofsted-{slug(a.nice_name)}", "ofsted", a, page, "ofsted", start_urls=[page], domains=OFSTED_DOMAINS))
    return out


def news_rows(path: Path, m: Matcher) -> list[dict]:
    """A news row for each title of news_titles.yml, its feeds from its platform's pattern."""
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise RegistryError(f"{path}: no such file") from None
    platforms = data.get("platforms") or {}
    defaults = data.get("defaults") or {}
    out = []
    for i, t in enumerate(data.get("titles") or [], start=1):
        pattern = platforms.get(t.get("platform"))
        if pattern is None:
            raise RegistryError(f"{path}: title {t.get('name')!r} has an unknown platform {t.get('platform')!r}")
        home = m.match("news", i, t.get("title", ""), t.get("home", ""), t.get("name", ""))
        if home is None:
            continue
        covers = [home.code]
        for code in t.get("covers") or []:
            a = m.match("news", i, "", code, f"{t['name']} covers {code}")
            if a is not None and a.code not in covers:
                covers.append(a.code)
        fill = {"domain": t.get("domain", ""), "path": t.get("path", "")}
        starts = [u.format(**fill) for u in pattern["start_urls"]]
        domains = pattern.get("allowed_domains") or [t["domain"]]
        options = {**defaults, **{k: v for k, v in pattern.items() if k not in ("start_urls", "allowed_domains")}}
        out.append(_row(t["name"], "news", home, starts[0], f"news:{t['platform']}", covers=covers, start_urls=starts,
                        domains=domains, options=options or None, confirmed=bool(t.get("confirmed"))))
    return out


def build(lgsf_csv: Path, ofsted_csv: Path, news_yml: Path | None = None, out: Path | None = None,
          unmatched_out: Path | None = None, gazetteer=None) -> tuple[list[dict], list[dict]]:
    """Build the registry; writes it and the unmatched report; returns (rows, unmatched)."""
    from councilfacts.nlp.gazetteer import Gazetteer

    m = Matcher(gazetteer or Gazetteer.load())
    rows = committee_rows(Path(lgsf_csv), m) + ofsted_rows(Path(ofsted_csv), m) + news_rows(Path(news_yml or NEWS_TITLES), m)
    seen: dict[str, dict] = {}
    for r in rows:
        if r["name"] in seen:  # two entries for one council and platform (e.g. a shared site)
            r["name"] = f"{r['name']}-{r['council_code'].lower()}"
        seen[r["name"]] = r
    rows.sort(key=lambda r: (r["spider"], r["name"]))
    _write(Path(out or REGISTRY), COLUMNS, rows)
    _write(Path(unmatched_out or UNMATCHED), UNMATCHED_COLUMNS, m.unmatched)
    return rows, m.unmatched


def _write(path: Path, columns: list[str], rows: Iterable[dict]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=columns, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)


# --------------------------------------------------------------------------- reading


def read_registry(path: Path | None = None) -> list[dict]:
    path = Path(path or REGISTRY)
    if not path.exists():
        return []
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def entry(row: dict) -> dict:
    """A registry row as a sources-file entry (what the spiders take)."""
    split = lambda v: [x for x in (v or "").split(LIST_SEP) if x]  # noqa: E731
    council = {"name": row["council_name"], "code": row["council_code"]}
    e: dict[str, Any] = {"name": row["name"], "spider": row["spider"], "enabled": False, "registry": True,
                         "confirmed": row.get("confirmed") == "true"}
    if row["spider"] == "news":
        # A regional title writes about many councils: chosen for each of them, stamped on none.
        e["covers"] = [row["council_code"], *split(row.get("covers"))]
    else:
        e["councils"] = [council]
    if row["spider"] in ("moderngov", "cmis"):
        e["base_url"] = row["url"]
    if split(row.get("start_urls")):
        e["start_urls"] = split(row["start_urls"])
    if split(row.get("allowed_domains")):
        e["allowed_domains"] = split(row["allowed_domains"])
    if row.get("options"):  # the spider's own keys (url_filter, sitemaps_from_robots, ...)
        e.update(yaml.safe_load(row["options"]))
    return e


def merge(registry: list[dict], own: list[dict]) -> list[dict]:
    """Registry entries with the sources file's on top: same name -> the file's keys win."""
    by_name = {e["name"]: dict(e) for e in registry}
    for e in own:
        if e["name"] in by_name:
            merged = by_name[e["name"]]
            merged.update(e)
            merged.pop("registry", None)
        else:
            by_name[e["name"]] = dict(e)
    return list(by_name.values())


def entry_codes(e: dict) -> set[str]:
    """GSS codes of the councils an entry is chosen for (its councils and what it covers)."""
    codes = {c.get("code") for c in e.get("councils") or [] if isinstance(c, dict)}
    codes |= set(e.get("covers") or [])
    return {c for c in codes if c}


def entry_url(e: dict) -> str:
    return e.get("base_url") or next(iter(e.get("start_urls") or []), "")


# --------------------------------------------------------------------------- councils


def name_resolver():
    """The matcher the site uses for council names (data/plugins/council_names.py), on the gazetteer."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("councilfacts_council_names", DATA_DIR / "plugins" / "council_names.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    with open(DATA_DIR / "gazetteer.csv", newline="", encoding="utf-8") as fh:
        rows = [
            (r["gss_code"] or r["register_code"], r["official_name"], r["nice_name"], r["register_code"], r["aliases"], r["end_date"])
            for r in csv.DictReader(fh)
        ]
    return module.Resolver(rows), {r[0]: r[1] for r in rows}


def predecessors(codes: set[str]) -> set[str]:
    """The councils `codes` replaced, and those they replaced (GSS codes)."""
    with open(DATA_DIR / "gazetteer.csv", newline="", encoding="utf-8") as fh:
        replaced_by = {r["gss_code"]: set(filter(None, (r["replaced_by_gss"] or "").split("|"))) for r in csv.DictReader(fh) if r["gss_code"]}
    found, todo = set(), set(codes)
    while todo:
        code = todo.pop()
        for old, new in replaced_by.items():
            if code in new and old not in found and old not in codes:
                found.add(old)
                todo.add(old)
    return found


def council_codes(names: list[str]) -> dict[str, list[str]]:
    """{name as written: [its GSS code, then the codes of the councils it replaced]}.

    Names are read as the site reads them ("Essex", "Northants", "E10000012"); one that
    means no council, or several, stops with a message that says so (and names the choice)."""
    from councilfacts.crawl import SourcesError

    resolver, official = name_resolver()
    out = {}
    for name in names:
        found = resolver.candidates(name)
        if not found:
            raise SourcesError(f"no council is called {name!r} (try its official name or GSS code; `councilfacts sources list`)")
        if len(found) > 1:
            choice = "; ".join(f"{official.get(c, c)} ({c})" for c in found[:12])
            raise SourcesError(f"{name!r} could mean several councils: {choice}. Give one of those names or codes")
        out[name] = [found[0], *sorted(predecessors({found[0]}))]
    return out


def for_councils(entries: list[dict], names: list[str] | None, all_councils: bool = False) -> list[dict]:
    """The entries chosen for councils: every entry about one of them (or, all_councils, about any)."""
    if all_councils:
        return [e for e in entries if entry_codes(e)]
    wanted = {c for codes in council_codes(names or []).values() for c in codes}
    return [e for e in entries if entry_codes(e) & wanted]
