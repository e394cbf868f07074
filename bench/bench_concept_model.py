"""How well the learned concept weights hold up on data they were not trained on.

    python bench/bench_concept_model.py [FILE.jsonl …] [--folds 5]

For each benchmark file (default: DUC 2004, DUC 2003 and the Multi-News sample under
../shared/data) prints the ROUGE-2 headline (DUC: recall at 100 words; Multi-News: F1 at 230)
of `concept` (hand-set weights) beside `concept-learned` with a model
  * trained on the *other* files (transfer: the file itself is unseen),
  * trained on the other folds of the same file (k-fold cross-validation, by cluster),
  * shipped with newsbrief (trained on DUC 2003; in-sample on DUC 2003 itself),
and the shipped model's score for several probability floors (the pruning of the program),
so that the sensitivity of the figure is visible. Same split, truncation and ROUGE as
`newsbrief eval`.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np

from newsbrief.analyse.nlp import load_sentencizer
from newsbrief.evaluate import Rouge, budget_for, read_clusters, split_cluster, truncate
from newsbrief.evaluate.systems import newsbrief_system
from newsbrief.evaluate.train import cluster_rows
from newsbrief.summarise import ConceptSummariser, LearnedConceptSummariser, Summariser
from newsbrief.summarise.learned import fit_concept_model

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
DEFAULT = ["duc2004_task2.jsonl", "duc2003_task2.jsonl", "multinews_val250.jsonl"]
FLOORS = (0.0, 0.005, 0.01, 0.02, 0.05)


def headline(summariser: Summariser, clusters) -> float:
    rouge = Rouge()
    scores = []
    run = newsbrief_system(summariser)  # the harness's own runner: same overfill and truncation
    for cluster, documents, _ in clusters:
        budget, kind = budget_for(cluster)
        summary = truncate(run(documents, budget), budget)
        scores.append(rouge.score(summary, cluster.summaries)[f"rouge2_{kind}"])
    return float(np.mean(scores))


def fitted(clusters) -> LearnedConceptSummariser:
    rows = np.array([row for _, _, (features, _) in clusters for row in features])
    targets = np.array([t for _, _, (_, cluster_targets) in clusters for t in cluster_targets])
    return LearnedConceptSummariser(concept_model=fit_concept_model(rows, targets))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("paths", nargs="*", default=[DATA / name for name in DEFAULT])
    parser.add_argument("--folds", type=int, default=5)
    args = parser.parse_args()
    nlp = load_sentencizer()
    split = {}
    for path in args.paths:
        split[Path(path).name] = [
            (cluster, documents, cluster_rows(documents, cluster.summaries))
            for cluster in read_clusters(path)
            for documents in [split_cluster(cluster, nlp)]
        ]
    print("| dataset (ROUGE-2) | concept | learned, other files | learned, "
          f"{args.folds}-fold | learned, shipped | shipped, floor {' / '.join(map(str, FLOORS))} |")
    print("|---|---|---|---|---|---|")
    for name, clusters in split.items():
        others = [c for other, cs in split.items() if other != name for c in cs]
        transfer = f"{headline(fitted(others), clusters):.2f}" if others else "–"
        folds = []
        for fold in range(args.folds):
            train = [c for i, c in enumerate(clusters) if i % args.folds != fold]
            test = [c for i, c in enumerate(clusters) if i % args.folds == fold]
            folds.append(headline(fitted(train), test) * len(test))
        cross = sum(folds) / len(clusters)
        by_floor = [headline(LearnedConceptSummariser(floor=f), clusters) for f in FLOORS]
        kind = budget_for(clusters[0][0])[1]
        plain = headline(ConceptSummariser(), clusters)
        print(f"| {name} (R2-{kind.upper()}) | {plain:.2f} | {transfer} "
              f"| {cross:.2f} | {by_floor[FLOORS.index(0.01)]:.2f} "
              f"| {' / '.join(f'{x:.2f}' for x in by_floor)} |", flush=True)


if __name__ == "__main__":
    main()
