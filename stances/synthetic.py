"""Synthetic positions folders for benchmarks and tests: deterministic, schema-valid, at 1×, 10× or 100× the
shipped size, or in the "wide" shape of a voting-advice dataset. `python benchmarks/generate.py` writes them.

1× is about the curated dataset (6 parties × 7 issues, ~60 position versions, ~90 sources); 100× is
100 parties × 20 issues × 5 versions = 10,000 position versions with 5,000 sources. The layout is the
shipped one: dataset.yaml, issues.yaml, sources.yaml, parties/<id>.yaml, disagreements.yaml, timeline.yaml.

"wide" is 30 parties × 40 issues with only the minimal fields (no tiers, summaries, claim types, party
kinds or level meanings), Unicode ids, German-like labels, one shared scale and `language: de`: one
answer per cell, with the party's justification as a quote, plus a few later and same-day corrections.

`generate` validates every folder with `stances.domain.validate.check_folder` before it returns.
"""

from __future__ import annotations

import os
import random
import shutil
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import yaml

Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
NOW = "2026-12-04"  # the repeatable 'today' of the tests; every generated date is well before it
FIRST_DAY, LAST_DAY = date(2024, 1, 1), date(2026, 6, 30)
HEADER = "# Synthetic benchmark data (benchmarks/generate.py, {shape}, seed {seed}). Not real positions.\n"
WIDE = "wide"


def _on_the_record(quote: dict[str, Any], excerpts: list[dict[str, Any]]) -> dict[str, Any]:
    """Keep the quote to the validator's rules: word for word from an excerpt of its source, where the source
    records excerpts, and direct only if that excerpt is the party's own words."""
    direct = quote.get("direct", True)
    matching = [e for e in excerpts if e["direct"]] if direct else excerpts
    if direct and not matching and excerpts:
        quote, matching = {**quote, "direct": False}, excerpts
    return {**quote, "text": matching[0]["text"]} if matching else quote


@dataclass(frozen=True)
class Shape:
    parties: int
    issues: int
    core: int
    versions: int  # total position versions, spread over every party × issue cell
    sources: int
    disagreements: int
    events: int


SHAPES = {
    1: Shape(parties=6, issues=7, core=3, versions=60, sources=90, disagreements=8, events=25),
    10: Shape(parties=30, issues=10, core=3, versions=600, sources=900, disagreements=80, events=250),
    100: Shape(parties=100, issues=20, core=3, versions=10_000, sources=5_000, disagreements=800, events=2_500),
}

WORDS = (
    "contract clause model deployment surveillance autonomous weapons lawful purpose department agency "
    "vendor policy oversight human control classified network designation supply chain risk ban federal "
    "statement spokesman memo negotiation guarantee restriction analysis bulk acquired data review "
    "intelligence mission democratic values judgment force use terms partner government company officials "
    "said according report week talks language removal requested board safety commitment public record"
).split()
OUTLETS = (
    "The Daily Ledger",
    "Capitol Wire",
    "Tech Dispatch",
    "Defense Monitor",
    "The Evening Post",
    "Policy Review",
    "Global Newsroom",
    "Market Journal",
    "Signal & Noise",
    "The Record (Online)",
)
KINDS = ("company", "government", "court", "organisation", "other")
CLAIM_TYPES = ("statement", "policy", "contract_term", "action", "report")


class _Text:
    def __init__(self, rng: random.Random):
        self.rng = rng

    def words(self, low: int, high: int) -> str:
        return " ".join(self.rng.choice(WORDS) for _ in range(self.rng.randint(low, high)))

    def sentence(self, low: int = 8, high: int = 20) -> str:
        text = self.words(low, high)
        flourish = self.rng.random()
        if flourish < 0.15:
            text += ' ("bulk acquired data")'
        elif flourish < 0.25:
            text += " — for *any lawful purpose*"
        return text[0].upper() + text[1:] + "."

    def date(self, low: date = FIRST_DAY, high: date = LAST_DAY) -> date:
        return low + timedelta(days=self.rng.randint(0, (high - low).days))


def build(scale: int | str, seed: int = 2026) -> dict[str, Any]:
    """The dataset as {relative file name: YAML data}. Same scale (or shape) and seed, same data."""
    if scale == WIDE:
        return build_wide(seed)
    shape = SHAPES[scale]
    rng = random.Random(f"{seed}-{scale}")
    text = _Text(rng)
    files: dict[str, Any] = {}

    files["dataset.yaml"] = {
        "dataset": {
            "title": f"Synthetic positions, {scale}× the curated dataset",
            "description": "Generated for benchmarks by benchmarks/generate.py. Every value is made up.",
            "corrections": "Regenerate with a different seed; nothing here is a real position.",
            "license": "CC0-1.0",
        }
    }

    issues = []
    for i in range(shape.issues):
        levels = 2 + i % 3
        issues.append(
            {
                "id": f"issue-{i:02d}",
                "title": f"Issue {i:02d}: {text.words(2, 4)}",
                "question": text.sentence(10, 18)[:-1] + "?",
                "tier": "core" if i < shape.core else "secondary",
                "scale": [
                    {"id": f"level-{n}", "label": f"Level {n} {text.words(1, 3)}", "meaning": text.sentence(8, 14)}
                    for n in range(levels)
                ],
                **({"description": text.sentence()} if i % 2 else {}),
            }
        )
    files["issues.yaml"] = {"issues": issues}

    source_ids = [f"src-{n:05d}" for n in range(shape.sources)]
    sources = []
    for n, ident in enumerate(source_ids):
        published: date | str = text.date() if rng.random() > 0.05 else "unknown"
        source: dict[str, Any] = {
            "id": ident,
            "url": f"https://news{n % 37}.example.org/{2024 + n % 3}/{ident}-{text.words(1, 1)}?ref={n}",
            "outlet": OUTLETS[n % len(OUTLETS)],
            "title": text.sentence(5, 12)[:-1],
            "published": published,
            "accessed": date(2026, 7, 1) if rng.random() > 0.5 else "unknown",
            "kind": "primary" if n % 3 == 0 else "secondary",
        }
        if n and rng.random() < 0.2:
            relay: dict[str, Any] = {"outlet": rng.choice(OUTLETS), "note": text.sentence(4, 8)}
            if rng.random() < 0.5:
                relay["source"] = source_ids[rng.randrange(n)]
            else:
                relay["url"] = f"https://relay.example.com/{ident}"
            source["via"] = [relay]
        if published == "unknown":
            source["date_note"] = "No date shown on the page; " + text.sentence(4, 8)
        if rng.random() < 0.1:
            source["archive_url"] = f"https://archive.example.net/{ident}"
        source["excerpts"] = [
            {
                "text": text.sentence(12, 40),
                **({"speaker": f"Speaker {rng.randrange(300)} (spokesperson)"} if rng.random() < 0.6 else {}),
                "direct": rng.random() < 0.5,
            }
            for _ in range(rng.choice((0, 1, 2, 3, 3, 4, 5)))
        ]
        sources.append(source)
    files["sources.yaml"] = {"sources": sources}
    excerpts = {source["id"]: source["excerpts"] for source in sources}

    party_ids = [f"party-{p:03d}" for p in range(shape.parties)]
    speakers = {pid: [f"{pid}-speaker-{s}" for s in range(1 + p % 3)] for p, pid in enumerate(party_ids)}
    cells = [(pid, issue) for pid in party_ids for issue in issues]
    base, extra = divmod(shape.versions, len(cells))
    more = set(rng.sample(range(len(cells)), extra))
    positions: dict[str, list[dict[str, Any]]] = {pid: [] for pid in party_ids}
    for c, (pid, issue) in enumerate(cells):
        count = base + (1 if c in more else 0)
        days = sorted(rng.sample(range((LAST_DAY - FIRST_DAY).days), count))
        versions = []
        for v, day in enumerate(days):
            as_of = FIRST_DAY + timedelta(days=day)
            if rng.random() < 0.1:
                version: dict[str, Any] = {
                    "as_of": as_of,
                    "stance": "no_public_position",
                    "summary": "No public position found.",
                    "gap": "Searched: " + text.sentence(4, 10),
                }
            else:
                cited = rng.sample(source_ids, rng.randint(1, 3))
                version = {
                    "as_of": as_of,
                    "stance": rng.choice(issue["scale"])["id"] if rng.random() > 0.05 else "unclear",
                    "summary": text.sentence(12, 26),
                    "claim_type": rng.choice(CLAIM_TYPES),
                    "basis": rng.choice(("direct", "reported")),
                    "binding": rng.choice(("yes", "no", "unknown")),
                    "sources": cited,
                }
                quotes = []
                for _ in range(rng.choice((0, 1, 1, 2))):
                    if rng.random() < 0.75:
                        quote = {"text": text.sentence(12, 45), "speaker": rng.choice(speakers[pid])}
                    else:
                        quote = {"text": text.sentence(12, 45), "direct": False}
                    quote["source"] = rng.choice(cited)
                    quotes.append(_on_the_record(quote, excerpts[quote["source"]]))
                if quotes:
                    version["quotes"] = quotes
                if v:
                    version["change"] = text.sentence(5, 12)
            versions.append(version)
        positions[pid].append({"issue": issue["id"], "versions": versions})
    for p, pid in enumerate(party_ids):
        party: dict[str, Any] = {
            "id": pid,
            "name": f"Party {p:03d} {text.words(1, 2).title()}",
            "kind": KINDS[p % len(KINDS)],
            "speakers": [
                {"id": sid, "name": f"Person {sid[-1]} of {pid}", **({"role": "spokesperson"} if s % 2 == 0 else {})}
                for s, sid in enumerate(speakers[pid])
            ],
        }
        if p % 4 == 0:
            party["also_known_as"] = [f"P{p}", text.words(1, 2).title()]
        if p % 2 == 0:
            party["description"] = text.sentence()
        files[f"parties/{pid}.yaml"] = {"party": party, "positions": positions[pid]}

    disagreements = []
    for d in range(shape.disagreements):
        chosen = rng.sample(party_ids, 3 if d % 5 == 0 else 2)
        disagreements.append(
            {
                "id": f"disagreement-{d:04d}",
                "issue": rng.choice(issues)["id"],
                "parties": chosen,
                "crux": text.sentence(10, 20),
                **({"note": text.sentence(5, 10)} if d % 3 == 0 else {}),
                "sides": [
                    {"party": pid, "claim": text.sentence(10, 24), "sources": rng.sample(source_ids, rng.randint(1, 2))}
                    for pid in chosen
                ],
            }
        )
    files["disagreements.yaml"] = {"disagreements": disagreements}

    events = []
    for e in range(shape.events):
        event: dict[str, Any] = {"id": f"event-{e:05d}", "title": text.sentence(6, 14)}
        if e % 10 == 3:
            first = text.date()
            event["dates"] = [
                {"date": first, "sources": rng.sample(source_ids, 1), "label": "as first reported"},
                {"date": first + timedelta(days=1 + e % 4), "sources": rng.sample(source_ids, 1)},
            ]
            event["date_kind"] = "conflict"
            event["date_note"] = "Outlets disagree on the day."
        else:
            event["date"] = text.date()
            if e % 7 == 0:
                event["date_kind"] = "approximate"
        if e % 2:
            event["description"] = text.sentence(10, 30)
        event["parties"] = rng.sample(party_ids, rng.choice((0, 1, 1, 2, 3)))
        event["issues"] = [i["id"] for i in rng.sample(issues, rng.choice((0, 1, 1, 2)))]
        event["sources"] = rng.sample(source_ids, rng.randint(1, 3))
        if e % 9 == 0:
            event["accounts"] = [{"claim": text.sentence(), "sources": rng.sample(source_ids, 1)} for _ in range(2)]
        events.append(event)
    files["timeline.yaml"] = {"events": events}
    return files


WIDE_SHAPE = Shape(parties=30, issues=40, core=0, versions=1_240, sources=31, disagreements=0, events=0)
WIDE_CORRECTIONS = 40  # cells with a second version: later corrections, every fourth on the same day
GERMAN_WORDS = (
    "wir wollen die für eine stärkere förderung öffentlicher straßen schulen länder städte gemeinden bürgerinnen "
    "bürger müssen dürfen sollen größere verantwortung übernehmen steuern abgaben zölle gebühren klimaschutz "
    "wirtschaft arbeitsplätze sicherheit freiheit gerechtigkeit zukunft familien kinder rente pflege "
    "gesundheit bildung forschung digitalisierung verwaltung europäischen union bund und nicht aber deshalb "
    "außerdem grundsätzlich selbstverständlich über maßnahmen regelungen"
).split()
GERMAN_ISSUES = (
    "Abschaffung von Zöllen",
    "Tempolimit auf Autobahnen",
    "Höherer Mindestlohn",
    "Wehrpflicht für alle",
    "Längere Laufzeiten für Kernkraftwerke",
    "Bargeld erhalten",
    "Strengere Mietpreisbremse",
    "Früherer Kohleausstieg",
    "Wahlalter ab 16",
    "Bedingungsloses Grundeinkommen",
    "Vermögensteuer erheben",
    "Schuldenbremse lockern",
    "Digitale Verwaltung für alle Ämter",
    "Ladenöffnung am Sonntag",
    "Gendergerechte Sprache in Behörden",
    "Cannabis bleibt legal",
    "Rente mit 70",
    "Bürgergeld kürzen",
    "Strengere Regeln für Tierhaltung",
    "Kostenloser öffentlicher Nahverkehr",
    "Frauenquote in Vorständen",
    "Doppelte Staatsbürgerschaft",
    "Erbschaftsteuer senken",
    "Windkraft im Wald",
    "Verbot neuer Verbrennungsmotoren",
    "Schärferes Lieferkettengesetz",
    "Videoüberwachung öffentlicher Plätze",
    "Religionsunterricht durch Ethik ersetzen",
    "Studiengebühren einführen",
    "Ehegattensplitting abschaffen",
    "Rundfunkbeitrag senken",
    "Länderfinanzausgleich reformieren",
    "Waffenlieferungen an Verbündete",
    "Weitere Staaten in die EU aufnehmen",
    "Dauerhafte Grenzkontrollen",
    "Pflegeversicherung ausbauen",
    "Glyphosat verbieten",
    "Bundesweites Zentralabitur",
    "Größere Städte entlasten",
    "Straßenbahnen für Kleinstädte",
)
GERMAN_PARTIES = [
    f"{adjective} {noun}"
    for noun in ("Union", "Partei", "Allianz")
    for adjective in (
        "Freie",
        "Grüne",
        "Soziale",
        "Demokratische",
        "Liberale",
        "Ökologische",
        "Konservative",
        "Unabhängige",
        "Bürgerliche",
        "Fortschrittliche",
    )
]
AGREE_SCALE = {
    "id": "zustimmung",
    "levels": [
        {"id": "stimme-zu", "label": "Stimme zu"},
        {"id": "neutral", "label": "Neutral"},
        {"id": "stimme-nicht-zu", "label": "Stimme nicht zu"},
    ],
}


def _german_id(label: str) -> str:
    from stances.domain.ids import suggest_id

    return suggest_id(label)


def build_wide(seed: int = 2026) -> dict[str, Any]:
    """30 parties × 40 issues with only the minimal fields: one answer per cell, a few corrected."""
    shape = WIDE_SHAPE
    rng = random.Random(f"{seed}-{WIDE}")
    files: dict[str, Any] = {
        "dataset.yaml": {
            "dataset": {
                "title": "Synthetische Wahlhilfe: 30 Parteien, 40 Thesen",
                "description": "Für Benchmarks erzeugt (benchmarks/generate.py --shape wide). Alles ist erfunden.",
                "corrections": "Mit einem anderen Seed neu erzeugen; nichts hier ist eine echte Position.",
                "language": "de",
            }
        },
        "issues.yaml": {
            "scales": [AGREE_SCALE],
            "issues": [{"id": _german_id(t), "title": t, "scale": "zustimmung"} for t in GERMAN_ISSUES],
        },
    }
    levels = [level["id"] for level in AGREE_SCALE["levels"]]
    party_ids = [_german_id(name) for name in GERMAN_PARTIES[: shape.parties]]
    questionnaire = {"id": "thesen", "url": "https://wahlhilfe.example.org/thesen"}
    answers = {pid: f"antworten-{pid}" for pid in party_ids}
    pages = [{"id": answers[pid], "url": f"{questionnaire['url']}/{p:02d}"} for p, pid in enumerate(party_ids)]
    files["sources.yaml"] = {"sources": [questionnaire, *pages]}
    corrected = set(rng.sample(range(shape.parties * shape.issues), WIDE_CORRECTIONS))

    def answer(pid: str, as_of: date) -> dict[str, Any]:
        version: dict[str, Any] = {
            "as_of": as_of,
            "stance": rng.choice(levels),
            "sources": ["thesen", answers[pid]],
        }
        if rng.random() < 0.9:
            text = " ".join(rng.choice(GERMAN_WORDS) for _ in range(rng.randint(12, 60)))
            version["quotes"] = [{"text": text[0].upper() + text[1:] + ".", "direct": False, "source": answers[pid]}]
        return version

    for p, pid in enumerate(party_ids):
        positions = []
        for i, issue in enumerate(files["issues.yaml"]["issues"]):
            versions = [answer(pid, date(2026, 1, 15))]
            cell = p * shape.issues + i
            if cell in corrected:
                if cell % 4 == 0:
                    versions[0]["order"] = 1
                    versions.append({**answer(pid, date(2026, 1, 15)), "order": 2})
                else:
                    versions.append(answer(pid, date(2026, 2, 1) + timedelta(days=cell % 20)))
            positions.append({"issue": issue["id"], "versions": versions})
        files[f"parties/{pid}.yaml"] = {"party": {"id": pid, "name": GERMAN_PARTIES[p]}, "positions": positions}
    return files


def write(files: dict[str, Any], out: Path, scale: int | str, seed: int) -> None:
    """Replace `out` with the generated files (only ever a folder this script made, or an empty/new one)."""
    if out.exists():
        if not (out / "dataset.yaml").is_file() or "Synthetic" not in (out / "dataset.yaml").read_text("utf-8"):
            if any(out.iterdir()):
                raise SystemExit(f"{out} exists and was not made by this script; choose another --out")
        shutil.rmtree(out)
    for name, data in files.items():
        path = out / name
        path.parent.mkdir(parents=True, exist_ok=True)
        body = yaml.dump(data, Dumper=Dumper, sort_keys=False, allow_unicode=True, width=4096)
        shape = f"shape {scale}" if scale == WIDE else f"scale {scale}"
        path.write_text(HEADER.format(shape=shape, seed=seed) + body, encoding="utf-8")


def counts(files: dict[str, Any]) -> dict[str, int]:
    parties = [v for k, v in files.items() if k.startswith("parties/")]
    return {
        "parties": len(parties),
        "issues": len(files["issues.yaml"]["issues"]),
        "versions": sum(len(p["versions"]) for f in parties for p in f["positions"]),
        "quotes": sum(len(v.get("quotes", ())) for f in parties for p in f["positions"] for v in p["versions"]),
        "sources": len(files["sources.yaml"]["sources"]),
        "disagreements": len(files.get("disagreements.yaml", {}).get("disagreements", [])),
        "events": len(files.get("timeline.yaml", {}).get("events", [])),
    }


def check(out: Path) -> list[str]:
    """Problems `python -m stances validate` would report for the folder (empty when it is valid)."""
    from stances.domain.validate import check_folder

    unset = "NOW" not in os.environ
    os.environ.setdefault("NOW", NOW)
    try:
        _, problems = check_folder(out)
    finally:
        if unset:  # the caller's environment is left as it was
            del os.environ["NOW"]
    return [p.render(out.as_posix()) for p in problems]


def shape_of(scale: int | str) -> Shape:
    return WIDE_SHAPE if scale == WIDE else SHAPES[scale]


def generate(scale: int | str, out: Path, seed: int = 2026, validate: bool = True) -> dict[str, int]:
    files = build(scale, seed)
    write(files, out, scale, seed)
    if validate:
        problems = check(out)
        if problems:
            raise SystemExit("generated data does not validate:\n" + "\n".join(problems[:50]))
    return counts(files)


def folder_name(scale: int | str) -> str:
    return WIDE if scale == WIDE else f"x{scale}"
