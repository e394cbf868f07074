"""Training data for the learned concept weights: benchmark clusters → (features, targets).

Each concept (stemmed bigram) of a cluster is one example; its target is the share of the
cluster's human summaries that contain it. Documents are split exactly as the evaluation
splits them, so the model learns from what a summariser sees.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

import numpy as np

from ..analyse.nlp import load_sentencizer
from ..summarise.concepts import ConceptSummariser, _Stemmer, concepts_of
from ..summarise.learned import ConceptModel, concept_features, fit_concept_model
from .data import Cluster
from .harness import split_cluster


def cluster_rows(
    documents: Sequence[Sequence[str]], summaries: Sequence[str]
) -> tuple[list[list[float]], list[float]]:
    """Feature rows and soft targets for the concepts of one split cluster."""
    stem = _Stemmer()
    index = [(d, s) for d, doc in enumerate(documents) for s in range(len(doc))]
    sentence_concepts = [concepts_of(documents[d][s], stem) for d, s in index]
    sources = ConceptSummariser().sources(documents)
    features = concept_features(documents, index, sentence_concepts, sources, stem)
    references = [concepts_of(summary, stem) for summary in summaries]
    targets = [sum(concept in ref for ref in references) / max(1, len(references)) for concept in features]
    return list(features.values()), targets


def training_rows(clusters: Iterable[Cluster], *,
                  on_cluster: Callable[[int], None] | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Feature rows and soft targets for every concept of every cluster."""
    nlp = load_sentencizer()
    rows: list[list[float]] = []
    targets: list[float] = []
    for number, cluster in enumerate(clusters, start=1):
        cluster_features, cluster_targets = cluster_rows(split_cluster(cluster, nlp), cluster.summaries)
        rows += cluster_features
        targets += cluster_targets
        if on_cluster:
            on_cluster(number)
    return np.array(rows), np.array(targets)


def train_concept_model(clusters: Iterable[Cluster], *, trained_on: str = "",
                        on_cluster: Callable[[int], None] | None = None) -> ConceptModel:
    rows, targets = training_rows(clusters, on_cluster=on_cluster)
    if not len(rows):
        raise ValueError("no training examples: the clusters have no usable sentences")
    if not targets.any():
        raise ValueError("no training examples: no bigram of the documents is in any human summary")
    return fit_concept_model(rows, targets, trained_on=trained_on)
