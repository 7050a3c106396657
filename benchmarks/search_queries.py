"""Draft the search query set (tests/search/queries.yaml) from the data: phrases and keyword pairs of activity texts,
reference numbers and acronyms, each with the one page that is right for it.

Usage: .venv/bin/python benchmarks/search_queries.py [--seed N] > /tmp/draft.yaml

The draft is reviewed by hand before it goes into tests/search/queries.yaml (see the notes in that file): the
generator only proposes queries that are unambiguous among activity texts; names without accents, Cyrillic words
and plural forms are added by hand there.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from collections import Counter
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from docs_build.data.atlas import build_atlas  # noqa: E402
from docs_build.data.records import ActivityRecord, Records  # noqa: E402

STOP = frozenset("""
a an and are as at be by for from has have in into is it its of on or that the their this to was were will with within
who which all any other such etc through under between each per also including not should can may must s/he he she
they more most well so than""".split())  # noqa: SIM905
PER_PLAN = {"phrase": 14, "keywords": 12, "reference": 5}
ACRONYMS = 24


def words(text: str) -> list[str]:
    """The words of a text as a reader would type them (no punctuation at their edges)."""
    return [w for w in (t.strip(".,;:()[]\"'“”‘’«»!?") for t in text.split()) if w]


def norm(text: str) -> str:
    """Lower case, single spaces: for checking that a phrase occurs in one activity text only."""
    return " ".join(w.lower() for w in words(text))


def phrase(rng: random.Random, record: ActivityRecord, texts: list[str]) -> str | None:
    """3 to 6 consecutive words of the activity's text that no other activity text holds."""
    ws = words(record.text)
    for _ in range(20):
        n = rng.randint(3, 6)
        if len(ws) < n:
            continue
        start = rng.randint(0, len(ws) - n)
        candidate = ws[start:start + n]
        if sum(w.lower() not in STOP for w in candidate) < 2 or {candidate[0].lower(), candidate[-1].lower()} & STOP:
            continue
        text = " ".join(candidate)
        if sum(f" {norm(text)} " in f" {t} " for t in texts) == 1:
            return text
    return None


def keywords(rng: random.Random, record: ActivityRecord, word_sets: list[set[str]], df: Counter[str]) -> str | None:
    """Two of the six rarest words of the activity's text (no stop words) that no other activity text holds together:
    the distinctive words a reader remembers."""
    ws = sorted({w.lower() for w in words(record.text) if w.lower() not in STOP and len(w) > 3 and w.isalpha()},
                key=lambda w: (df[w], w))[:6]
    for _ in range(20):
        if len(ws) < 2:
            return None
        pair = rng.sample(ws, 2)
        if sum(set(pair) <= s for s in word_sets) == 1:
            return " ".join(pair)
    return None


def draft(seed: int) -> list[dict[str, str]]:
    """The proposed queries, plan by plan."""
    atlas = build_atlas(ROOT / "data")
    records = Records(atlas)
    every = records.all_activities()
    texts = [norm(r.text) for r in every]
    word_sets = [{w.lower() for w in words(r.text)} for r in every]
    df = Counter(w for s in word_sets for w in s)
    rng = random.Random(seed)
    out: list[dict[str, str]] = []
    for plan_id, acts in records.activities.items():
        chosen = rng.sample(acts, min(len(acts), PER_PLAN["phrase"]))
        out += [{"query": q, "kind": "phrase", "plan": plan_id, "expect": "/" + r.url}
                for r in chosen if (q := phrase(rng, r, texts))]
        chosen = rng.sample(acts, min(len(acts), PER_PLAN["keywords"]))
        out += [{"query": q, "kind": "keywords", "plan": plan_id, "expect": "/" + r.url}
                for r in chosen if (q := keywords(rng, r, word_sets, df))]
        numbered = [r for r in acts if r.ref and re.search(r"\d[.(]", r.ref)]
        for r in rng.sample(numbered, min(len(numbered), PER_PLAN["reference"])):
            word = r.pillar_title.split()[0].strip(",;:").lower()
            # With a word of its pillar's title when other activities have the same number; the whole title when
            # other pillars of the same number also hold that word (Kosovo: Protection, Protection of children).
            same = [o for o in every if o.ref == r.ref and o is not r]
            if not same:
                query = r.ref
            elif not [o for o in same if word in o.pillar_title.lower()]:
                query = f"{word} {r.ref}"
            elif not [o for o in same if o.pillar_title == r.pillar_title]:
                query = f"{r.pillar_title.lower()} {r.ref}"
            else:
                continue
            out.append({"query": query, "kind": "reference", "plan": plan_id, "expect": "/" + r.url})
    spelled = Counter(a for bodies in atlas.institutions.values() for b in bodies.values() for a in b.acronyms)
    acronyms = [{"query": body.acronyms[0], "kind": "acronym", "plan": "-",
                 "expect": f"/countries/{code}/institutions/{body.id}/"}
                for code, bodies in atlas.institutions.items() for body in bodies.values()
                if body.acronyms and spelled[body.acronyms[0]] == 1 and len(body.acronyms[0]) > 2
                and body.acronyms[0].isupper()]
    return out + rng.sample(acronyms, min(ACRONYMS, len(acronyms)))


def main() -> None:
    """Print the draft as YAML."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=17)
    args = parser.parse_args()
    yaml.safe_dump(draft(args.seed), sys.stdout, allow_unicode=True, sort_keys=False, width=200)


if __name__ == "__main__":
    main()
