#!/usr/bin/env python3
"""Build the newsreel annotation evaluation set from hand-annotated sources.

Reads tests/eval/src/*.ann (plain-text articles with inline markup), and writes

  tests/eval/articles/<stem>.txt   the plain article (markup stripped)
  tests/eval/gold.json             entity mentions and date expressions
  tests/eval/non_dates.json        the non-date "traps" listed in traps.tsv, located

Markup (brackets and braces never nest):

  [surface|TYPE|entity-id]                 TYPE in PERSON, PLACE, ORG
  {surface|VALUE}                          TIMEX3-style value
  {surface|VALUE|MOD}                      MOD in START, MID, END, APPROX
  {surface|VALUE|MOD-or-empty|UNTIL}       a range, UNTIL = value of the last unit

Line 1 = title, line 2 = publication date YYYYMMDD, line 3 = source URL, then one
sentence per line.  Offsets are 0-based character (code point) offsets within a line,
end exclusive.

The script fails loudly (exit status 1) on malformed markup, bad values, span-rule
violations (titles, "the", possessives or prepositions inside spans), inconsistent
entity types, or a date value that disagrees with the value recomputed from the
publication date.  It also reports un-annotated occurrences of known entity names,
month/weekday names, years and deictic date words that are not declared as traps in
traps.tsv; with --strict those warnings are errors too.

Usage: python3 tests/eval/build_gold.py [--strict] [--report]
Standard library only; output is deterministic.
"""

import datetime as dt
import json
import re
import sys
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
SRC = HERE / "src"
ART = HERE / "articles"
GOLD = HERE / "gold.json"
NON_DATES = HERE / "non_dates.json"
TRAPS = HERE / "traps.tsv"

TYPES = ("PERSON", "PLACE", "ORG")
MODS = ("START", "MID", "END", "APPROX")

# Canonical names of entities whose canonical (fullest) name never appears verbatim
# in the corpus (aliases, acronyms, same-named bodies of different countries).
# Every entity id must be the slug of one of its surfaces or be listed here.
KNOWN_CANONICAL = {
    "amazon-rainforest": "Amazon rainforest",
    "as-monaco": "AS Monaco",
    "associated-press": "Associated Press",
    "atlantic-ocean": "Atlantic Ocean",
    "australia-cricket-team": "Australia cricket team",
    "austria-football-team": "Austria football team",
    "charles-de-gaulle-airport": "Charles de Gaulle Airport",
    "christian-democratic-union-of-germany": "Christian Democratic Union of Germany",
    "club-atletico-river-plate": "Club Atlético River Plate",
    "clube-de-regatas-do-flamengo": "Clube de Regatas do Flamengo",
    "companhia-paulista-de-trens-metropolitanos": "Companhia Paulista de Trens Metropolitanos",
    "confederation-francaise-democratique-du-travail": "Confédération française démocratique du travail",
    "confederation-generale-du-travail": "Confédération générale du travail",
    "congress-of-the-union": "Congress of the Union",
    "council-of-the-european-union": "Council of the European Union",
    "democratic-party-of-korea": "Democratic Party of Korea",
    "department-of-justice": "Department of Justice",
    "dnipro-river": "Dnipro River",
    "england-cricket-team": "England cricket team",
    "everton-fc": "Everton FC",
    "federal-bureau-of-investigation": "Federal Bureau of Investigation",
    "federal-financial-supervisory-authority": "Federal Financial Supervisory Authority",
    "federal-reserve-bank-of-boston": "Federal Reserve Bank of Boston",
    "federal-reserve-bank-of-kansas-city": "Federal Reserve Bank of Kansas City",
    "france-football-team": "France football team",
    "harry-duke-of-sussex": "Harry, Duke of Sussex",
    "hiroshima-peace-memorial-museum": "Hiroshima Peace Memorial Museum",
    "hm-treasury": "HM Treasury",
    "india-cricket-team": "India cricket team",
    "indian-national-congress": "Indian National Congress",
    "international-cricket-council": "International Cricket Council",
    "labour-party-nigeria": "Labour Party (Nigeria)",
    "labour-party-uk": "Labour Party (UK)",
    "lagos-state": "Lagos State",
    "liberal-democratic-party-japan": "Liberal Democratic Party (Japan)",
    "national-aeronautics-and-space-administration": "National Aeronautics and Space Administration",
    "national-assembly-france": "National Assembly (France)",
    "national-assembly-south-korea": "National Assembly (South Korea)",
    "national-basketball-association": "National Basketball Association",
    "new-york-city": "New York City",
    "new-zealand-cricket-team": "New Zealand cricket team",
    "nigerian-national-petroleum-company-limited": "Nigerian National Petroleum Company Limited",
    "north-atlantic-treaty-organization": "North Atlantic Treaty Organization",
    "parliament-of-the-united-kingdom": "Parliament of the United Kingdom",
    "sao-paulo-state": "São Paulo (state)",
    "social-democratic-party-of-germany": "Social Democratic Party of Germany",
    "sociedade-esportiva-palmeiras": "Sociedade Esportiva Palmeiras",
    "swiss-financial-market-supervisory-authority": "Swiss Financial Market Supervisory Authority",
    "toulouse-fc": "Toulouse FC",
    "united-kingdom": "United Kingdom",
    "united-nations-educational-scientific-and-cultural-organization": "United Nations Educational, Scientific and Cultural Organization",
    "united-states-capitol": "United States Capitol",
    "united-states-capitol-police": "United States Capitol Police",
    "united-states-congress": "United States Congress",
    "united-states-department-of-state": "United States Department of State",
    "united-states-house-of-representatives": "United States House of Representatives",
    "washington-dc": "Washington DC",
    "william-prince-of-wales": "William, Prince of Wales",
}

TITLE_WORDS = {
    "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "prof", "prof.", "sir", "dame", "lord",
    "lady", "president", "governor", "chancellor", "minister", "prime", "deputy", "king", "queen",
    "prince", "princess", "pope", "judge", "justice", "sheikh", "general", "gen", "gen.", "lt",
    "colonel", "captain", "senator", "sen.", "rep.", "mayor", "former", "chief", "secretary",
    "speaker", "coach", "detective", "inspector", "professor", "father", "rev", "rev.", "mme",
    "herr", "frau", "chairman", "chairwoman", "ceo", "ambassador", "commissioner", "director",
}
# Names whose own spelling ends in 's (not a possessive): "Lord's" the cricket ground.
NAMES_ENDING_IN_APOSTROPHE_S = {"Lord's"}
PREPOSITIONS = {
    "on", "in", "since", "by", "from", "at", "during", "until", "till", "before", "after", "for",
    "of", "to", "between", "through", "throughout", "within", "over", "around-the",
}

MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december"]
MONTH_ABBR = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
              "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12}
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
NUMWORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
            "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
            "twenty": 20, "thirty": 30, "fifty": 50}
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4}
SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}  # winter YYYY = Dec YYYY .. Feb YYYY+1

VALUE_RE = re.compile(
    r"^(?:(?P<day>\d{4}-\d{2}-\d{2})|(?P<week>\d{4}-W\d{2})|(?P<month>\d{4}-\d{2})"
    r"|(?P<year>\d{4})|(?P<quarter>\d{4}-Q[1-4])|(?P<season>\d{4}-(?:SP|SU|FA|WI))"
    r"|(?P<decade>\d{3}))$")
ENTITY_ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
URL_RE = re.compile(r"^https://example\.org/\S+$")


class AnnError(Exception):
    pass


# Letters that Unicode decomposition does not reduce to ASCII.
TRANSLIT = {"ß": "ss", "ı": "i", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D",
            "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "þ": "th", "Þ": "Th"}


def slug(name):
    for src, dst in TRANSLIT.items():
        name = name.replace(src, dst)
    s = unicodedata.normalize("NFKD", name)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.lower().replace("'", "").replace("\u2019", "")
    s = re.sub(r"[^a-z0-9]+", "-", s).strip("-")
    return s


# ---------------------------------------------------------------------------
# Value handling

def value_kind(v):
    m = VALUE_RE.match(v)
    if not m:
        return None
    kind = m.lastgroup
    try:
        if kind == "day":
            dt.date.fromisoformat(v)
        elif kind == "week":
            y, w = int(v[:4]), int(v[6:])
            last_week = dt.date(y, 12, 28).isocalendar()[1]
            if not 1 <= w <= last_week:
                return None
        elif kind == "month":
            if not 1 <= int(v[5:]) <= 12:
                return None
    except ValueError:
        return None
    return kind


def value_start(v):
    """First day covered by a value (for ordering checks)."""
    kind = value_kind(v)
    if kind == "day":
        return dt.date.fromisoformat(v)
    if kind == "week":
        return dt.date.fromisocalendar(int(v[:4]), int(v[6:]), 1)
    if kind == "month":
        return dt.date(int(v[:4]), int(v[5:]), 1)
    if kind == "year":
        return dt.date(int(v), 1, 1)
    if kind == "quarter":
        return dt.date(int(v[:4]), 3 * int(v[6]) - 2, 1)
    if kind == "season":
        return dt.date(int(v[:4]), SEASON_START[v[5:]], 1)
    if kind == "decade":
        return dt.date(int(v) * 10, 1, 1)
    raise AnnError(f"bad value {v!r}")


def iso_week(d):
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def nearest_year_day(month, day, p):
    best = None
    for y in (p.year - 1, p.year, p.year + 1):
        try:
            d = dt.date(y, month, day)
        except ValueError:
            continue
        if best is None or abs((d - p).days) < abs((best - p).days):
            best = d
    return best


def nearest_year_month(month, p):
    best = None
    for y in (p.year - 1, p.year, p.year + 1):
        diff = abs((y * 12 + month) - (p.year * 12 + p.month))
        if best is None or diff < best[0]:
            best = (diff, y)
    return f"{best[1]}-{month:02d}"


def month_num(word):
    w = word.lower().rstrip(".")
    if w in MONTHS:
        return MONTHS.index(w) + 1
    return MONTH_ABBR.get(w)


def season_instances(p):
    out = []
    for y in range(p.year - 2, p.year + 2):
        for code, m in SEASON_START.items():
            start = dt.date(y, m, 1)
            end_m = m + 3
            end = dt.date(y + (end_m - 1) // 12, (end_m - 1) % 12 + 1, 1)
            out.append((start, end, f"{y}-{code}"))
    return sorted(out)


MOD_PREFIXES = [
    ("the beginning of ", "START"), ("the start of ", "START"), ("beginning of ", "START"),
    ("the early ", "START"), ("early ", "START"), ("early-", "START"),
    ("the middle of ", "MID"), ("the mid-", "MID"), ("mid-", "MID"), ("mid ", "MID"),
    ("the end of ", "END"), ("end of ", "END"), ("the late ", "END"), ("late ", "END"),
    ("late-", "END"),
    ("around ", "APPROX"), ("about ", "APPROX"), ("some time in ", "APPROX"),
    ("sometime in ", "APPROX"), ("roughly ", "APPROX"),
]
PART_OF_DAY = r"(?: (?:morning|afternoon|evening|night))?"
MONTH_NAME = (r"(january|february|march|april|may|june|july|august|september|october|november"
              r"|december|jan\.|feb\.|mar\.|apr\.|jun\.|jul\.|aug\.|sept\.|sep\.|oct\.|nov\.|dec\.)")
WEEKDAY_NAME = r"(monday|tuesday|wednesday|thursday|friday|saturday|sunday)"


def expected_single(text, p, future_hint):
    """Return a set of acceptable values for a non-range expression, or None."""
    t = text.strip().lower().replace("\u2019", "'")
    # deictic days
    if t in ("today", "this morning", "this afternoon", "this evening", "tonight",
             "earlier today", "later today"):
        return {p.isoformat()}
    if t in ("yesterday", "last night", "yesterday morning", "yesterday afternoon",
             "yesterday evening"):
        return {(p - dt.timedelta(days=1)).isoformat()}
    if t in ("tomorrow", "tomorrow morning", "tomorrow afternoon", "tomorrow evening",
             "tomorrow night"):
        return {(p + dt.timedelta(days=1)).isoformat()}
    m = re.fullmatch(r"(earlier |later )?(this|last|next) (week|month|year)", t)
    if m:
        rel, unit = m.group(2), m.group(3)
        if unit == "week":
            off = {"this": 0, "last": -7, "next": 7}[rel]
            return {iso_week(p + dt.timedelta(days=off))}
        if unit == "month":
            y, mo = p.year, p.month + {"this": 0, "last": -1, "next": 1}[rel]
            y, mo = y + (mo - 1) // 12, (mo - 1) % 12 + 1
            return {f"{y}-{mo:02d}"}
        return {str(p.year + {"this": 0, "last": -1, "next": 1}[rel])}
    m = re.fullmatch(r"the (week|month|year)", t)
    if m:
        return {{"week": iso_week(p), "month": f"{p.year}-{p.month:02d}",
                 "year": str(p.year)}[m.group(1)]}
    # seasons
    m = re.fullmatch(r"(this|last|next) (spring|summer|autumn|fall|winter)", t)
    if m:
        code = SEASONS[m.group(2)]
        inst = [s for s in season_instances(p) if s[2].endswith(code)]
        if m.group(1) == "last":
            cands = [s for s in inst if s[1] <= p]
            return {cands[-1][2]}
        if m.group(1) == "next":
            cands = [s for s in inst if s[0] > p]
            return {cands[0][2]}
        # "this summer": the instance containing P, else the nearest one
        def dist(s):
            return 0 if s[0] <= p < s[1] else min(abs((s[0] - p).days), abs((s[1] - p).days))
        return {min(inst, key=dist)[2]}
    m = re.fullmatch(r"(?:the )?(spring|summer|autumn|fall|winter)(?: of)? (\d{4})", t)
    if m:
        return {f"{m.group(2)}-{SEASONS[m.group(1)]}"}
    # N units ago
    m = re.fullmatch(r"(\w+) (day|week|month|year)s? ago", t)
    if m and (m.group(1) in NUMWORDS or m.group(1).isdigit()):
        n = NUMWORDS.get(m.group(1)) or int(m.group(1))
        unit = m.group(2)
        if unit == "day":
            return {(p - dt.timedelta(days=n)).isoformat()}
        if unit == "week":
            return {iso_week(p - dt.timedelta(days=7 * n))}
        if unit == "month":
            mo = p.year * 12 + p.month - 1 - n
            return {f"{mo // 12}-{mo % 12 + 1:02d}"}
        return {str(p.year - n)}
    # weekday (optionally last/next, optionally part of day)
    m = re.fullmatch(r"(last |next |this )?" + WEEKDAY_NAME + PART_OF_DAY, t)
    if m:
        wd = WEEKDAYS.index(m.group(2))
        rel = (m.group(1) or "").strip()
        past = p - dt.timedelta(days=(p.weekday() - wd) % 7)
        fut = p + dt.timedelta(days=(wd - p.weekday()) % 7)
        if rel == "last":
            return {(past if past != p else p - dt.timedelta(days=7)).isoformat()}
        if rel == "next":
            return {(fut if fut != p else p + dt.timedelta(days=7)).isoformat()}
        if future_hint is True:
            return {fut.isoformat()}
        if future_hint is False:
            return {past.isoformat()}
        return {past.isoformat(), fut.isoformat()}
    # weekday + explicit date: check the weekday, then parse the rest
    m = re.fullmatch(WEEKDAY_NAME + PART_OF_DAY + r",? (.+)", t)
    if m:
        rest = expected_single(m.group(2), p, future_hint)
        if rest is None:
            return None
        ok = set()
        for v in rest:
            if value_kind(v) == "day" and dt.date.fromisoformat(v).weekday() == WEEKDAYS.index(m.group(1)):
                ok.add(v)
        return ok or {"<weekday mismatch>"}
    # holidays
    hol = {"new year's day": (1, 1), "christmas day": (12, 25), "christmas": (12, 25),
           "christmas eve": (12, 24), "bastille day": (7, 14), "new year's eve": (12, 31)}
    m = re.fullmatch(r"(new year's day|new year's eve|christmas day|christmas eve|christmas"
                     r"|bastille day)(?:,? (\d{4}))?", t)
    if m:
        mo, d = hol[m.group(1)]
        if m.group(2):
            return {dt.date(int(m.group(2)), mo, d).isoformat()}
        return {nearest_year_day(mo, d, p).isoformat()}
    # month day [year]
    m = re.fullmatch(MONTH_NAME + r" (\d{1,2})(?:st|nd|rd|th)?(?:,? (\d{4}))?", t)
    if m:
        mo, d = month_num(m.group(1)), int(m.group(2))
        if m.group(3):
            return {dt.date(int(m.group(3)), mo, d).isoformat()}
        return {nearest_year_day(mo, d, p).isoformat()}
    m = re.fullmatch(r"(?:the )?(\d{1,2})(?:st|nd|rd|th)?(?: of)? " + MONTH_NAME + r"(?:,? (\d{4}))?", t)
    if m:
        mo, d = month_num(m.group(2)), int(m.group(1))
        if m.group(3):
            return {dt.date(int(m.group(3)), mo, d).isoformat()}
        return {nearest_year_day(mo, d, p).isoformat()}
    m = re.fullmatch(r"(last|next) " + MONTH_NAME, t)
    if m:
        mo = month_num(m.group(2))
        cur = p.year * 12 + p.month - 1
        cands = [y * 12 + mo - 1 for y in (p.year - 1, p.year, p.year + 1)]
        if m.group(1) == "last":
            v = max(c for c in cands if c < cur)
        else:
            v = min(c for c in cands if c > cur)
        return {f"{v // 12}-{v % 12 + 1:02d}"}
    m = re.fullmatch(MONTH_NAME + r"(?:,? (?:of )?(\d{4}))?", t)
    if m:
        mo = month_num(m.group(1))
        if m.group(2):
            return {f"{m.group(2)}-{mo:02d}"}
        return {nearest_year_month(mo, p)}
    # numeric dates
    m = re.fullmatch(r"(\d{1,2})[/.](\d{1,2})[/.](\d{4})", t)
    if m:
        return {dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1))).isoformat()}
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", t)
    if m:
        return {dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()}
    # years, decades, quarters
    m = re.fullmatch(r"(\d{4})", t)
    if m:
        return {t}
    m = re.fullmatch(r"(?:the )?(\d{3})0s", t)
    if m:
        return {m.group(1)}
    m = re.fullmatch(r"(?:the )?(first|second|third|fourth) quarter(?: of (\d{4}|the year|last year|this year))?", t)
    if m:
        q = ORDINALS[m.group(1)]
        y = m.group(2)
        if y is None:
            # nearest quarter to p
            best = None
            for yy in (p.year - 1, p.year, p.year + 1):
                diff = abs((yy * 4 + q) - (p.year * 4 + (p.month - 1) // 3 + 1))
                if best is None or diff < best[0]:
                    best = (diff, yy)
            y = best[1]
        elif y in ("the year", "this year"):
            y = p.year
        elif y == "last year":
            y = p.year - 1
        return {f"{y}-Q{q}"}
    m = re.fullmatch(r"q([1-4]) (\d{4})", t)
    if m:
        return {f"{m.group(2)}-Q{m.group(1)}"}
    return None


def split_mod(text):
    t = text.strip()
    low = t.lower()
    for pre, mod in MOD_PREFIXES:
        if low.startswith(pre):
            return t[len(pre):], mod
    return t, None


def expected(text, p, has_until, future_hint):
    """Expected (values, mod, until-values) or None if the expression is not understood."""
    inner, mod = split_mod(text)
    if not has_until:
        vals = expected_single(inner, p, future_hint)
        if vals is None:
            return None
        return vals, mod, None
    for sep in (" to ", " and ", " until ", "\u2013", "-"):
        if sep in inner:
            left, right = inner.split(sep, 1)
            left, right = left.strip(), right.strip()
            lv = expected_single(left, p, future_hint)
            rv = expected_single(right, p, future_hint)
            ry = re.search(r"(\d{4})$", right)
            if ry and not re.search(r"\d{4}$", left) and re.fullmatch(MONTH_NAME + r"(?: \d{1,2})?|\d{1,2} " + MONTH_NAME, left.lower()):
                # "June and December 2023": the left end takes the year written on the right
                lv = expected_single(left + " " + ry.group(1), p, future_hint)
            if lv is None and re.fullmatch(r"\d{1,2}(?:st|nd|rd|th)?", left) and rv:
                # "1 and 3 April": the left day inherits month and year from the right
                r = dt.date.fromisoformat(sorted(rv)[0])
                lv = {r.replace(day=int(re.match(r"\d+", left).group())).isoformat()}
            if rv is None and re.fullmatch(r"\d{1,2}(?:st|nd|rd|th)?", right) and lv:
                lft = dt.date.fromisoformat(sorted(lv)[0])
                rv = {lft.replace(day=int(re.match(r"\d+", right).group())).isoformat()}
            if rv is None and re.fullmatch(r"\d{4}", right) and lv:
                # "March 2019 to 2021"-style is not supported; treat right as year
                rv = {right}
            if lv is not None and rv is not None:
                return lv, mod, rv
    return None


# ---------------------------------------------------------------------------
# Parsing

def parse_line(raw, where):
    """Strip markup from one line; return (plain, entities, dates)."""
    out = []
    ents, dates = [], []
    i, n = 0, len(raw)
    pos = 0  # character offset in the plain line
    while i < n:
        c = raw[i]
        if c in "[{":
            close = "]" if c == "[" else "}"
            j = i + 1
            while j < n and raw[j] not in "[]{}":
                j += 1
            if j >= n or raw[j] != close:
                raise AnnError(f"{where}: unbalanced or nested '{c}' at column {i}")
            body = raw[i + 1:j]
            parts = body.split("|")
            surface = parts[0]
            if not surface or surface != surface.strip():
                raise AnnError(f"{where}: empty surface or surrounding whitespace in {body!r}")
            start, end = pos, pos + len(surface)
            if c == "[":
                if len(parts) != 3:
                    raise AnnError(f"{where}: entity needs [surface|TYPE|id]: {body!r}")
                typ, eid = parts[1], parts[2]
                if typ not in TYPES:
                    raise AnnError(f"{where}: unknown entity type {typ!r} in {body!r}")
                if not ENTITY_ID_RE.match(eid):
                    raise AnnError(f"{where}: bad entity id {eid!r}")
                ents.append({"start": start, "end": end, "text": surface, "type": typ,
                             "entity": eid})
            else:
                if len(parts) not in (2, 3, 4):
                    raise AnnError(f"{where}: date needs {{surface|VALUE[|MOD[|UNTIL]]}}: {body!r}")
                value = parts[1]
                mod = parts[2] if len(parts) >= 3 else ""
                until = parts[3] if len(parts) == 4 else None
                if value_kind(value) is None:
                    raise AnnError(f"{where}: bad TIMEX3 value {value!r} in {body!r}")
                if mod and mod not in MODS:
                    raise AnnError(f"{where}: unknown MOD {mod!r} in {body!r}")
                if len(parts) == 3 and not mod:
                    raise AnnError(f"{where}: empty MOD field in {body!r}")
                d = {"start": start, "end": end, "text": surface, "value": value}
                if mod:
                    d["mod"] = mod
                if until is not None:
                    if value_kind(until) is None:
                        raise AnnError(f"{where}: bad UNTIL value {until!r} in {body!r}")
                    if value_start(until) <= value_start(value):
                        raise AnnError(f"{where}: range ends before it starts in {body!r}")
                    d["until"] = until
                dates.append(d)
            out.append(surface)
            pos = end
            i = j + 1
        elif c in "]}|":
            raise AnnError(f"{where}: stray {c!r} at column {i}")
        else:
            out.append(c)
            pos += 1
            i += 1
    return "".join(out), ents, dates


def check_entity_span(e, where):
    t = e["text"]
    low = t.lower()
    if low.startswith("the "):
        raise AnnError(f"{where}: leading 'the' inside entity span {t!r}")
    if re.search(r"['\u2019]s?$", t) and t not in NAMES_ENDING_IN_APOSTROPHE_S:
        raise AnnError(f"{where}: possessive inside entity span {t!r}")
    first = low.split()[0]
    if first in TITLE_WORDS and e["type"] == "PERSON" and not t.split()[0].isupper():
        # ("MS Dhoni": all-caps initials are not the title "Ms")
        raise AnnError(f"{where}: title inside PERSON span {t!r}")
    if re.search(r"[,;:!?\"\u201c\u201d]$", t) or re.match(r"^[\W_]", t):
        raise AnnError(f"{where}: punctuation at the edge of entity span {t!r}")


def check_date_span(d, where):
    t = d["text"]
    first = t.split()[0].lower()
    if first in PREPOSITIONS:
        raise AnnError(f"{where}: preposition inside date span {t!r}")
    if re.search(r"['\u2019]s$", t):
        raise AnnError(f"{where}: possessive inside date span {t!r}")
    if re.search(r"[,;:.!?\"\u201c\u201d]$", t) and not re.search(r"\b[A-Z][a-z]{2,3}\.$", t):
        raise AnnError(f"{where}: punctuation at the end of date span {t!r}")


FUTURE_RE = re.compile(r"\b(will|is due|are due|next|scheduled|plans? to|planned|is to|are to|"
                       r"expected|is set to|are set to|would|upcoming|ahead of|due to)\b", re.I)


def parse_article(path):
    stem = path.stem
    text = path.read_text(encoding="utf-8")
    if unicodedata.normalize("NFC", text) != text:
        raise AnnError(f"{path.name}: text is not NFC-normalised")
    if "\r" in text or "\t" in text:
        raise AnnError(f"{path.name}: CR or TAB characters")
    lines = text.rstrip("\n").split("\n")
    if len(lines) < 3 + 5:
        raise AnnError(f"{path.name}: needs title, date, URL and at least 5 sentences")
    if not 5 <= len(lines) - 3 <= 12:
        raise AnnError(f"{path.name}: {len(lines) - 3} sentences (want 5-12)")
    if not re.fullmatch(r"\d{8}", lines[1]):
        raise AnnError(f"{path.name}: line 2 must be YYYYMMDD")
    published = dt.date(int(lines[1][:4]), int(lines[1][4:6]), int(lines[1][6:]))
    if not 2019 <= published.year <= 2024:
        raise AnnError(f"{path.name}: publication date outside 2019-2024")
    if not URL_RE.match(lines[2]):
        raise AnnError(f"{path.name}: line 3 must be an https://example.org/ URL")
    plain, mentions, dates = [], [], []
    for ln, raw in enumerate(lines, start=1):
        where = f"{path.name}:{ln}"
        if raw != raw.strip() or not raw:
            raise AnnError(f"{where}: empty line or leading/trailing whitespace")
        if ln in (2, 3):
            if any(c in raw for c in "[]{}|"):
                raise AnnError(f"{where}: no markup allowed on the date/URL lines")
            plain.append(raw)
            continue
        line, ents, ds = parse_line(raw, where)
        plain.append(line)
        for e in ents:
            check_entity_span(e, where)
            assert line[e["start"]:e["end"]] == e["text"]
            mentions.append({"line": ln, "start": e["start"], "end": e["end"], "text": e["text"],
                             "type": e["type"], "entity": e["entity"]})
        for d in ds:
            check_date_span(d, where)
            assert line[d["start"]:d["end"]] == d["text"]
            rec = {"line": ln, "start": d["start"], "end": d["end"], "text": d["text"],
                   "value": d["value"]}
            if "mod" in d:
                rec["mod"] = d["mod"]
            if "until" in d:
                rec["until"] = d["until"]
            dates.append(rec)
        # spans must not overlap
        spans = sorted([(x["start"], x["end"]) for x in ents + ds])
        for a, b in zip(spans, spans[1:]):
            if b[0] < a[1]:
                raise AnnError(f"{where}: overlapping annotations")
    return {"id": stem, "published": published, "lines": plain, "mentions": mentions,
            "dates": dates}


# ---------------------------------------------------------------------------
# Checks across the corpus

def check_dates(art, problems, unchecked):
    p = art["published"]
    for d in art["dates"]:
        where = f"{art['id']}:{d['line']} {d['text']!r}"
        sentence = art["lines"][d["line"] - 1]
        hint = None
        wd = re.fullmatch(r"(?:(?:last|next|this) )?" + WEEKDAY_NAME + PART_OF_DAY, d["text"].lower())
        if wd:
            # weekday direction: the gold value itself decides; the hint only reports
            hint = bool(FUTURE_RE.search(sentence))
        exp = expected(d["text"], p, "until" in d, None)
        if exp is None:
            unchecked.append(where + f" = {d['value']} {d.get('mod', '')} {d.get('until', '')}")
            continue
        vals, mod, untils = exp
        if d["value"] not in vals:
            problems.append(f"{where}: value {d['value']} but expected one of {sorted(vals)}")
        if (mod or None) != d.get("mod"):
            problems.append(f"{where}: mod {d.get('mod')} but expected {mod}")
        if untils is not None and d.get("until") not in untils:
            problems.append(f"{where}: until {d.get('until')} but expected {sorted(untils)}")
        if wd and len(vals) == 2:
            val = dt.date.fromisoformat(d["value"])
            if (val > p) != hint and val != p:
                unchecked.append(f"{where} = {d['value']} (weekday direction differs from "
                                 f"tense heuristic; verify by hand)")


def load_traps():
    traps = []
    if not TRAPS.exists():
        return traps
    for n, raw in enumerate(TRAPS.read_text(encoding="utf-8").split("\n"), start=1):
        if not raw.strip() or raw.startswith("#"):
            continue
        cols = raw.split("\t")
        if len(cols) not in (3, 4):
            raise AnnError(f"traps.tsv:{n}: want stem<TAB>kind<TAB>text[<TAB>line]")
        traps.append({"stem": cols[0], "kind": cols[1], "text": cols[2],
                      "line": int(cols[3]) if len(cols) == 4 else None, "src": n})
    return traps


TRAP_KINDS = {"duration", "age", "time", "number", "vague", "modal-may", "verb-march",
              "person-name", "name", "sports-season", "ordinal", "holiday"}


def locate_traps(arts, traps):
    by_id = {a["id"]: a for a in arts}
    located = {a["id"]: [] for a in arts}
    for t in traps:
        where = f"traps.tsv:{t['src']}"
        if t["kind"] not in TRAP_KINDS:
            raise AnnError(f"{where}: unknown kind {t['kind']!r}")
        a = by_id.get(t["stem"])
        if a is None:
            raise AnnError(f"{where}: no article {t['stem']!r}")
        hits = []
        for ln, line in enumerate(a["lines"], start=1):
            if ln in (2, 3) or (t["line"] and ln != t["line"]):
                continue
            for m in re.finditer(r"(?<!\w)" + re.escape(t["text"]) + r"(?!\w)", line):
                hits.append((ln, m.start(), m.end()))
        if len(hits) != 1:
            raise AnnError(f"{where}: {t['text']!r} found {len(hits)} times in {t['stem']}"
                           f" (give a line number)")
        ln, s, e = hits[0]
        for d in a["dates"]:
            if d["line"] == ln and d["start"] < e and s < d["end"]:
                raise AnnError(f"{where}: trap {t['text']!r} overlaps date {d['text']!r}")
        located[a["id"]].append({"line": ln, "start": s, "end": e, "text": t["text"],
                                 "kind": t["kind"]})
    for k in located:
        located[k].sort(key=lambda x: (x["line"], x["start"]))
    return located


def covered(art, ln, s, e, located):
    for x in art["mentions"] + art["dates"] + located:
        if x["line"] == ln and x["start"] <= s and e <= x["end"]:
            return True
    return False


def lint(arts, located, problems, warnings):
    # entity type / canonical-name consistency
    types, surfaces = {}, {}
    for a in arts:
        for m in a["mentions"]:
            types.setdefault(m["entity"], set()).add(m["type"])
            surfaces.setdefault(m["entity"], set()).add(m["text"])
    for eid, ts in sorted(types.items()):
        if len(ts) > 1:
            problems.append(f"entity {eid} has several types {sorted(ts)}")
        if eid not in KNOWN_CANONICAL and not any(slug(s) == eid for s in surfaces[eid]):
            problems.append(f"entity {eid}: no surface slugs to it and no KNOWN_CANONICAL entry "
                            f"(surfaces {sorted(surfaces[eid])})")
        if eid in KNOWN_CANONICAL and slug(KNOWN_CANONICAL[eid]) != eid \
                and not re.search(r"\(", KNOWN_CANONICAL[eid]):
            problems.append(f"KNOWN_CANONICAL {eid} does not slug to its name")
    # within an article, a one-word PERSON mention matching the last word of a full name
    for a in arts:
        full = {}
        for m in a["mentions"]:
            if m["type"] == "PERSON" and " " in m["text"]:
                full.setdefault(m["text"].split()[-1], set()).add(m["entity"])
        for m in a["mentions"]:
            if m["type"] == "PERSON" and " " not in m["text"] and m["text"] in full:
                if m["entity"] not in full[m["text"]]:
                    problems.append(f"{a['id']}:{m['line']} {m['text']!r} -> {m['entity']} but "
                                    f"article has {sorted(full[m['text']])}")
    # un-annotated known names, month/weekday names, years, deictic words
    known = sorted({m["text"] for a in arts for m in a["mentions"]
                    if len(m["text"]) >= 3 and m["text"][0].isupper()}, key=len, reverse=True)
    name_re = re.compile(r"(?<![\w-])(" + "|".join(re.escape(k) for k in known) + r")(?![\w])")
    date_word_re = re.compile(
        r"(?<![\w])((?:January|February|March|April|May|June|July|August|September|October"
        r"|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
        r"|(?:1[5-9]|20)\d\ds?(?!\d)|(?i:today|yesterday|tomorrow|tonight))(?![\w])")
    for a in arts:
        for ln, line in enumerate(a["lines"], start=1):
            if ln in (2, 3):
                continue
            for rx, what in ((name_re, "name"), (date_word_re, "date word")):
                for m in rx.finditer(line):
                    s, e = m.span(1)
                    if what == "date word" and re.fullmatch(r"\d{4}", m.group(1)) and (
                            s > 0 and line[s - 1] in ",.£$€"):
                        continue
                    if not covered(a, ln, s, e, located[a["id"]]):
                        warnings.append(f"{a['id']}:{ln}: un-annotated {what} {m.group(1)!r}")


# ---------------------------------------------------------------------------

def main(argv):
    strict = "--strict" in argv
    report = "--report" in argv
    paths = sorted(SRC.glob("*.ann"))
    if not paths:
        raise AnnError(f"no .ann files in {SRC}")
    arts = [parse_article(p) for p in paths]
    problems, warnings, unchecked = [], [], []
    for a in arts:
        check_dates(a, problems, unchecked)
    traps = load_traps()
    located = locate_traps(arts, traps)
    lint(arts, located, problems, warnings)
    for w in warnings:
        print("WARNING:", w, file=sys.stderr)
    if report:
        for u in unchecked:
            print("UNCHECKED:", u, file=sys.stderr)
    if problems or (strict and warnings):
        for pr in problems:
            print("ERROR:", pr, file=sys.stderr)
        raise SystemExit(1)

    ART.mkdir(exist_ok=True)
    wanted = {f"{a['id']}.txt" for a in arts}
    for old in ART.glob("*.txt"):
        if old.name not in wanted:
            old.unlink()
    gold = {"articles": []}
    nd = {"articles": []}
    for a in arts:
        (ART / f"{a['id']}.txt").write_text("\n".join(a["lines"]) + "\n", encoding="utf-8")
        # re-read and assert offsets against the written file
        written = (ART / f"{a['id']}.txt").read_text(encoding="utf-8").split("\n")
        for x in a["mentions"] + a["dates"] + located[a["id"]]:
            assert written[x["line"] - 1][x["start"]:x["end"]] == x["text"], (a["id"], x)
        gold["articles"].append({
            "id": a["id"], "path": f"articles/{a['id']}.txt",
            "published": a["published"].isoformat(),
            "mentions": sorted(a["mentions"], key=lambda m: (m["line"], m["start"])),
            "dates": sorted(a["dates"], key=lambda d: (d["line"], d["start"])),
        })
        nd["articles"].append({"id": a["id"], "path": f"articles/{a['id']}.txt",
                               "non_dates": located[a["id"]]})
    GOLD.write_text(json.dumps(gold, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    NON_DATES.write_text(json.dumps(nd, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")

    # summary
    ments = [m for a in arts for m in a["mentions"]]
    dts = [d for a in arts for d in a["dates"]]
    by_type = {t: sum(1 for m in ments if m["type"] == t) for t in TYPES}
    ents = {m["entity"] for m in ments}
    kinds = {}
    for d in dts:
        k = value_kind(d["value"]) + ("-range" if "until" in d else "")
        kinds[k] = kinds.get(k, 0) + 1
    trap_kinds = {}
    for a in arts:
        for t in located[a["id"]]:
            trap_kinds[t["kind"]] = trap_kinds.get(t["kind"], 0) + 1
    years = sorted({a["published"].year for a in arts})
    print(f"articles: {len(arts)} (published {years[0]}-{years[-1]})")
    print(f"sentences: {sum(len(a['lines']) - 3 for a in arts)}")
    print(f"mentions: {len(ments)} " + " ".join(f"{t}={n}" for t, n in by_type.items()))
    print(f"distinct entities: {len(ents)} " + " ".join(
        f"{t}={len({m['entity'] for m in ments if m['type'] == t})}" for t in TYPES))
    print(f"dates: {len(dts)} (with mod: {sum(1 for d in dts if 'mod' in d)}) " +
          " ".join(f"{k}={n}" for k, n in sorted(kinds.items())))
    print(f"dates checked against publication date: {len(dts) - len([u for u in unchecked if '(weekday' not in u])}"
          f"/{len(dts)}")
    print(f"non-date traps: {sum(trap_kinds.values())} " +
          " ".join(f"{k}={n}" for k, n in sorted(trap_kinds.items())))
    print(f"warnings: {len(warnings)}")


if __name__ == "__main__":
    try:
        main(sys.argv[1:])
    except AnnError as exc:
        print("ERROR:", exc, file=sys.stderr)
        raise SystemExit(1)
