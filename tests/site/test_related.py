"""Related activities by subject: TF-IDF cosine over what activities say, found through an inverted index."""

from __future__ import annotations

import math
import random
from collections import Counter

import pytest

from docs_build.data.atlas import build_atlas
from docs_build.data.records import Records
from docs_build.site import similarity
from docs_build.site.related import related_index
from tests.conftest import ROOT

SHELTER = ("shelter", "accommodat", "residential")


@pytest.fixture(scope="module")
def records() -> Records:
    return Records(build_atlas(ROOT / "data"))


def test_terms_fold_accents_drop_stop_words_and_join_one_subject() -> None:
    assert similarity.terms("Shelters for the victims") == ["shelter", "victim"]
    assert similarity.terms("accommodated in Durrës") == ["shelter", *similarity.terms("Durres")]
    assert similarity.terms("residential services") == ["shelter", "servic"]


def test_cosine_of_tfidf_vectors() -> None:
    docs = similarity.documents([[("shelter for victims", 1)], [("shelter for children", 1)],
                                 [("media campaign", 1)]])
    vectors = similarity.tfidf(docs)
    assert all(math.isclose(sum(w * w for w in v.values()), 1.0) for v in vectors)
    assert similarity.cosine(vectors[0], vectors[1]) > 0 == similarity.cosine(vectors[0], vectors[2])
    assert math.isclose(similarity.cosine(vectors[0], vectors[0]), 1.0)


def test_nearest_matches_brute_force_on_a_small_corpus() -> None:
    """The inverted index finds the same best match as comparing every pair, where postings are not cut."""
    rng = random.Random(7)
    words = [f"w{i}" for i in range(60)]
    docs = [Counter(rng.choices(words, k=8)) for _ in range(80)]
    vectors = similarity.tfidf(docs)
    found = similarity.nearest(vectors, k=1, allowed=lambda i, j: True, probe=50, postings=1000, shortlist=1000)
    for i, v in enumerate(vectors):
        best = max(similarity.cosine(v, vectors[j]) for j in range(len(vectors)) if j != i)
        assert math.isclose(found[i][0][0], best), i


def test_kosovo_security_shelter_lists_shelter_and_accommodation_first(records: Records) -> None:
    related = related_index(records)
    me = "xk-2011-2014/protection/2-2-2"
    listed = related.similar[me]
    assert listed and all(r.plan_id != "xk-2011-2014" for r in listed)
    first = listed[0]
    words = " ".join([first.text, *first.indicator_texts, *(r.text for r in first.item.expected_results)]).lower()
    assert any(w in words for w in SHELTER), first.text
    assert first.id in related.by_text[me]
    assert related.closest[me] and len({r.plan_id for r in related.closest[me]}) == len(related.closest[me])


def test_every_activity_gets_related_activities_of_other_plans(records: Records) -> None:
    related = related_index(records)
    for record in records.all_activities():
        listed = related.similar[record.id]
        assert len(listed) <= 5 and all(r.plan_id != record.plan_id for r in listed)
        assert len({r.id for r in listed}) == len(listed)
    assert sum(bool(related.similar[r.id]) for r in records.all_activities()) >= 0.95 * len(records.all_activities())


def test_nearest_scores_a_bounded_shortlist_per_document(monkeypatch: pytest.MonkeyPatch) -> None:
    """The work per document is bounded (probe × postings partial sums, then `shortlist` full cosines), so the
    whole grows as n·log n rather than n² (timings at 1×, 10× and 30×: benchmarks/related.py)."""
    calls = Counter()
    cosine = similarity.cosine

    def counted(a: dict[str, float], b: dict[str, float]) -> float:
        calls["cosine"] += 1
        return cosine(a, b)

    monkeypatch.setattr(similarity, "cosine", counted)
    rng = random.Random(3)
    words = [f"w{i}" for i in range(40)]  # few words: every document shares terms with most others
    vectors = similarity.tfidf([Counter(rng.choices(words, k=10)) for _ in range(1500)])
    found = similarity.nearest(vectors, k=5, allowed=lambda i, j: True, shortlist=16)
    assert calls["cosine"] <= 1500 * 16
    assert all(len(f) == 5 for f in found)
