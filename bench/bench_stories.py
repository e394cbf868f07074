"""Story clustering of a shuffled stream, against the benchmark clusters, beside baselines.

    python bench/bench_stories.py [FILE.jsonl …] [--seed 0]

Pools every document of the given benchmark files (default: DUC 2004, DUC 2003 and the
Multi-News sample under ../shared/data; each cluster is one story, keyed by file and id),
shuffles them, ingests them one by one through `newsbrief ingest` (a temporary store), and
prints B-cubed precision/recall/F1 and pairwise F1 — beside scikit-learn's average-linkage
agglomerative clustering on TF-IDF (its best distance threshold chosen after the fact, which
an online method cannot do) and HDBSCAN on the same vectors. Needs the bench extra.

Two golds: the benchmark clusters as they are (330 stories), and the same with DUC 2003 and
DUC 2004 clusters of one TDT topic joined (21 topic ids, e.g. d30003t, Pinochet's arrest, are
clusters of both years: one story, which a correct clusterer joins; 309 stories).
"""

from __future__ import annotations

import argparse
import json
import random
import tempfile
import time
from collections import Counter, defaultdict
from itertools import combinations
from pathlib import Path

from newsbrief.evaluate.data import read_clusters
from newsbrief.store import Store
from newsbrief.store.ingest import ingest

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
DEFAULT = ["duc2004_task2.jsonl", "duc2003_task2.jsonl", "multinews_val250.jsonl"]


def bcubed(gold: list[str], predicted: list[object]) -> tuple[float, float, float]:
    by_gold, by_pred = defaultdict(set), defaultdict(set)
    for i, (g, p) in enumerate(zip(gold, predicted, strict=True)):
        by_gold[g].add(i)
        by_pred[p].add(i)
    n = len(gold)
    shared = [len(by_gold[gold[i]] & by_pred[predicted[i]]) for i in range(n)]
    precision = sum(shared[i] / len(by_pred[predicted[i]]) for i in range(n)) / n
    recall = sum(shared[i] / len(by_gold[gold[i]]) for i in range(n)) / n
    return precision, recall, 2 * precision * recall / (precision + recall)


def pairwise_f1(gold: list[str], predicted: list[object]) -> float:
    def pairs(labels: list[object]) -> set[tuple[int, int]]:
        groups = defaultdict(list)
        for i, label in enumerate(labels):
            groups[label].append(i)
        return {pair for members in groups.values() for pair in combinations(members, 2)}

    true, found = pairs(list(gold)), pairs(predicted)
    hits = len(true & found)
    if not hits:
        return 0.0
    precision, recall = hits / len(found), hits / len(true)
    return 2 * precision * recall / (precision + recall)


def nearest_neighbour_agreement(vectors, labels: list[str]) -> float:
    """Share of articles whose most similar other article has the same label (articles alone
    in their story left out): a ceiling-like check of the representation itself, whatever
    clusters it."""
    import numpy as np

    similarity = (vectors @ vectors.T).toarray()
    np.fill_diagonal(similarity, -1.0)
    sizes = Counter(labels)
    nearest = similarity.argmax(axis=1)
    pairs = [(labels[i], labels[j]) for i, j in enumerate(nearest) if sizes[labels[i]] > 1]
    return sum(a == b for a, b in pairs) / max(1, len(pairs))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("paths", nargs="*", default=[DATA / name for name in DEFAULT])
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    documents = []
    for path in args.paths:
        for cluster in read_clusters(path):
            for number, document in enumerate(cluster.documents):
                documents.append({
                    "id": f"{Path(path).stem}/{cluster.id}/{number}", "text": document.text,
                    "title": document.title, "date": document.date, "source": document.source or "unknown",
                    "story": f"{Path(path).stem}/{cluster.id}",
                    "topic": cluster.id if cluster.id.startswith("d3") else f"{Path(path).stem}/{cluster.id}",
                })
    random.Random(args.seed).shuffle(documents)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        feed = Path(tmp) / "pool.jsonl"
        feed.write_text("".join(json.dumps({k: v for k, v in d.items() if k not in {"story", "topic"}}) + "\n"
                                for d in documents))
        start = time.perf_counter()
        with Store(Path(tmp) / "pool.db") as store:
            report = ingest(store, [str(feed)])
            assigned = dict(store.connection.execute("SELECT id, story_id FROM articles"))
        seconds = time.perf_counter() - start
    kept = [d for d in documents if d["id"] in assigned]  # exact duplicates are stored once
    gold = [d["story"] for d in kept]
    topics = [d["topic"] for d in kept]
    predicted = [assigned[d["id"]] for d in kept]
    rows.append(("newsbrief (online)", *bcubed(gold, predicted), pairwise_f1(gold, predicted),
                 bcubed(topics, predicted)[2], seconds))

    from sklearn.cluster import HDBSCAN, AgglomerativeClustering
    from sklearn.feature_extraction.text import TfidfVectorizer

    texts = [d["text"] for d in kept]
    start = time.perf_counter()
    vectors = TfidfVectorizer(sublinear_tf=True, stop_words="english", min_df=1).fit_transform(texts)
    nearest = nearest_neighbour_agreement(vectors, topics)
    best = None
    for threshold in (0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95):
        labels = AgglomerativeClustering(n_clusters=None, distance_threshold=threshold, metric="cosine",
                                         linkage="average").fit_predict(vectors.toarray())
        scores = (*bcubed(gold, list(labels)), pairwise_f1(gold, list(labels)),
                  bcubed(topics, list(labels))[2], threshold)
        if best is None or scores[2] > best[2]:
            best = scores
    rows.append((f"agglomerative TF-IDF (best threshold {best[5]}, chosen after the fact)", *best[:5],
                 time.perf_counter() - start))
    start = time.perf_counter()
    from sklearn.decomposition import TruncatedSVD
    from sklearn.preprocessing import normalize

    reduced = normalize(TruncatedSVD(n_components=100, random_state=0).fit_transform(vectors))
    labels = HDBSCAN(min_cluster_size=2, copy=True).fit_predict(reduced)
    labels = [label if label >= 0 else f"noise{i}" for i, label in enumerate(labels)]  # noise: singletons
    rows.append(("HDBSCAN (TF-IDF + SVD 100)", *bcubed(gold, labels), pairwise_f1(gold, labels),
                 bcubed(topics, labels)[2], time.perf_counter() - start))
    print(f"{len(kept)} articles, {len(set(gold))} true stories; newsbrief found "
          f"{len(set(predicted))} stories ({report.near_duplicates} near-duplicates linked)")
    print(f"Representation check: the TF-IDF nearest neighbour of an article (whose story has "
          f"others) is from its own story (TDT topics joined) for {nearest:.1%} of articles.")
    print("| method | B3 precision | B3 recall | B3 F1 | pairwise F1 | B3 F1, TDT topics joined | seconds |")
    print("|---|---|---|---|---|---|---|")
    for name, p, r, f, pf, tf, s in rows:
        print(f"| {name} | {p:.3f} | {r:.3f} | {f:.3f} | {pf:.3f} | {tf:.3f} | {s:.1f} |")


if __name__ == "__main__":
    main()
