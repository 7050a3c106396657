"""Text similarity of activities: TF-IDF vectors, cosine similarity, the closest few found through an inverted index.

Plain Python, no dependency (scikit-learn would bring numpy and scipy for a few hundred short texts). Cost: building
the index sorts each term's postings (n·log n in all); each activity then reads a bounded number of postings and
scores a bounded shortlist, so the search is linear in the number of activities (measured: benchmarks/related.py)."""

from __future__ import annotations

import heapq
import math
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence

WORD = re.compile(r"[^\W\d_]{3,}")
STOP = frozenset("""
a about above after again against all also among an and any are as at be been before being between both but by can
could did do does done during each either for from further had has have having her here his how if in into is it its
itself more most no nor not of off on once only or other our out over own per same shall should so some such than that
the their them then there these they this those through to too under until up upon very was were what when where which
while who whom why will with within would yet
activity activities implementation implement implementing ensure number level relevant related respective including
provide providing continuous carried based year years
build building capacity capacities conduct conducting develop developing development establish establishing
strengthen strengthening improve improving improvement advancement enhance enhancing increase increased draft drafting
design designing organise organize organizing organising prepare preparing promote promotion
""".split())  # noqa: SIM905 (a word list reads better as text)
# Words that name one subject in different ways (after stemming): an activity about a shelter matches one about
# accommodation or a residential centre. Our method, not the plans' words; it only orders the related lists.
SAME_SUBJECT = {"accommod": "shelter", "residential": "shelter", "hous": "shelter", "house": "shelter",
                "lodg": "shelter", "lodging": "shelter"}
SUFFIXES = ("ations", "ation", "ings", "ing", "ated", "ates", "ate", "ies", "es", "ed", "s")


def fold(text: str) -> str:
    """Lower case without accents ("Durrës" → "durres")."""
    return "".join(c for c in unicodedata.normalize("NFKD", text.lower()) if not unicodedata.combining(c))


def stem(word: str) -> str:
    """A light English suffix stripper: 'shelters' → 'shelter', 'accommodated' and 'accommodation' → 'accommod'."""
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def terms(text: str) -> list[str]:
    """The stemmed content words of a text."""
    stems = (stem(w) for w in WORD.findall(fold(text)) if w not in STOP)
    return [SAME_SUBJECT.get(t, t) for t in stems]


Vector = dict[str, float]


def tfidf(documents: Sequence[Counter[str]]) -> list[Vector]:
    """Unit-length TF-IDF vectors (sublinear term frequency, smoothed inverse document frequency)."""
    df: Counter[str] = Counter()
    for doc in documents:
        df.update(doc.keys())
    n = len(documents)
    idf = {t: math.log((1 + n) / (1 + d)) + 1 for t, d in df.items()}
    vectors = []
    for doc in documents:
        vec = {t: (1 + math.log(c)) * idf[t] for t, c in doc.items()}
        norm = math.sqrt(sum(w * w for w in vec.values())) or 1.0
        vectors.append({t: w / norm for t, w in vec.items()})
    return vectors


def cosine(a: Vector, b: Vector) -> float:
    """Cosine of two unit vectors."""
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b.get(t, 0.0) for t, w in a.items())


def nearest(vectors: Sequence[Vector], k: int, allowed: Callable[[int, int], bool],
            bonus: Callable[[int, int], float] = lambda i, j: 0.0, probe: int = 8, postings: int = 40,
            shortlist: int = 20) -> list[list[tuple[float, int]]]:
    """For each vector, up to k (score, index) of the others with the highest cosine + bonus, best first.

    Candidates come from an impact-ordered inverted index: for each of the vector's `probe` heaviest terms, the
    `postings` documents where that term weighs most. Their partial dot products pick a `shortlist`, scored in full.
    Every step per vector is bounded by a constant, so the whole costs the index sort, n·log n. `allowed(i, j)`
    filters pairs (e.g. other plans only); ties go to the lower index."""
    index: dict[str, list[tuple[float, int]]] = defaultdict(list)
    for j, vec in enumerate(vectors):
        for t, w in vec.items():
            index[t].append((w, j))
    top = {t: [(w, j) for w, j in heapq.nlargest(postings, plist, key=lambda wj: (wj[0], -wj[1]))]
           for t, plist in index.items()}
    out = []
    for i, vec in enumerate(vectors):
        partial: dict[int, float] = defaultdict(float)
        for t, w in heapq.nlargest(probe, vec.items(), key=lambda tw: (tw[1], tw[0])):
            for wj, j in top[t]:
                if j != i:
                    partial[j] += w * wj
        short = heapq.nlargest(shortlist, ((s, -j) for j, s in partial.items() if allowed(i, j)))
        scored = ((cosine(vec, vectors[-neg]) + bonus(i, -neg), neg) for _, neg in short)
        out.append([(score, -neg) for score, neg in heapq.nlargest(k, scored) if score > 0])
    return out


def documents(texts: Iterable[Iterable[tuple[str, int]]]) -> list[Counter[str]]:
    """Bags of terms from (text, weight) parts: a weight of 2 counts a part's words twice (e.g. an activity's title)."""
    docs = []
    for parts in texts:
        bag: Counter[str] = Counter()
        for text, weight in parts:
            for t in terms(text):
                bag[t] += weight
        docs.append(bag)
    return docs
