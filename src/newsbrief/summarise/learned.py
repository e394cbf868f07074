"""Concept summariser with learned concept weights (after Li, Qian & Liu 2013).

The ``concept`` summariser weighs a bigram by how many independent documents contain it,
boosted when it appears early. Here a small logistic model turns those signals and a few more
(first-sentence share, capitalised words, numbers, stop words, spread across documents) into
the probability that a human summary of the story contains the bigram; the integer program
then maximises the expected number of reference bigrams covered. The model is a handful of
coefficients in ``concept_model.json``, trained by ``newsbrief train-concepts`` on benchmark
clusters (the shipped one on DUC 2003 only, so DUC 2004 and Multi-News stay unseen).
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

from ..errors import InputError
from .base import Documents
from .concepts import ConceptSummariser, _Stemmer
from .vectors import STOP_WORDS

SHIPPED_MODEL = Path(__file__).with_name("concept_model.json")
FEATURES = (
    "source_share", "log_sources", "log_occurrences", "earliest_position", "first_sentence_share",
    "first_three_share", "stop_words", "has_number", "capitalised_words", "sentence_share",
    "log_story_sources", "mean_relative_position", "rarer_word_share", "commoner_word_share",
)
_CAPITALISED = re.compile(r"\b[A-Z][a-z]+")

Concept = tuple[str, str]


def concept_features(
    documents: Documents, index: Sequence[tuple[int, int]],
    sentence_concepts: Sequence[set[Concept]], source: Sequence[int], stem,
) -> dict[Concept, list[float]]:
    """One row of ``FEATURES`` per concept of the story (order as in ``FEATURES``)."""
    n_sources = len({source[d] for d, doc in enumerate(documents) if doc}) or 1
    seen_in: dict[Concept, set[int]] = defaultdict(set)
    first: dict[Concept, set[int]] = defaultdict(set)
    first_three: dict[Concept, set[int]] = defaultdict(set)
    occurrences: Counter[Concept] = Counter()
    earliest: dict[Concept, float] = defaultdict(float)
    positions: dict[Concept, list[float]] = defaultdict(list)
    capitalised: set[str] = set()
    for (d, s), concepts in zip(index, sentence_concepts, strict=True):
        text = documents[d][s]
        capitalised.update(stem(m.group().lower()) for m in _CAPITALISED.finditer(text) if m.start() > 0)
        for concept in concepts:
            seen_in[concept].add(source[d])
            occurrences[concept] += 1
            earliest[concept] = max(earliest[concept], 1.0 / math.sqrt(s + 1))
            positions[concept].append(s / max(1, len(documents[d])))
            if s == 0:
                first[concept].add(source[d])
            if s < 3:
                first_three[concept].add(source[d])
    word_sources: dict[str, set[int]] = defaultdict(set)
    for concept, sources in seen_in.items():
        for word in concept:
            word_sources[word] |= sources
    sentences = max(1, len(index))
    rows = {}
    for concept, sources in seen_in.items():
        left, right = concept
        shares = sorted((len(word_sources[left]), len(word_sources[right])))
        rows[concept] = [
            len(sources) / n_sources, math.log1p(len(sources)), math.log1p(occurrences[concept]),
            earliest[concept], len(first[concept]) / n_sources, len(first_three[concept]) / n_sources,
            float((left in STOP_WORDS) + (right in STOP_WORDS)),
            float(any(ch.isdigit() for ch in left + right)),
            float(left in capitalised) + float(right in capitalised),
            occurrences[concept] / sentences, math.log(n_sources),
            float(np.mean(positions[concept])), shares[0] / n_sources, shares[1] / n_sources,
        ]
    return rows


@dataclass(frozen=True)
class ConceptModel:
    """A logistic model over standardised ``FEATURES``: P(a human summary contains the concept)."""

    features: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    coefficients: tuple[float, ...]
    intercept: float
    trained_on: str = ""

    def predict(self, rows: np.ndarray) -> np.ndarray:
        from scipy.special import expit  # the logistic function without overflow warnings

        z = (rows - np.asarray(self.mean)) / np.asarray(self.scale)
        return expit(z @ np.asarray(self.coefficients) + self.intercept)

    @classmethod
    def load(cls, path: str | Path) -> ConceptModel:
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
            model = cls(**{k: tuple(v) if isinstance(v, list) else v for k, v in data.items()})
        except (OSError, ValueError, TypeError) as error:
            raise InputError(f"cannot read concept model {path}: {error}") from None
        if model.features != FEATURES:
            raise InputError(f"concept model {path} was trained on other features: {model.features}")
        return model

    def save(self, path: str | Path) -> None:
        Path(path).write_text(json.dumps(asdict(self), indent=1) + "\n", encoding="utf-8")


def fit_concept_model(rows: np.ndarray, targets: np.ndarray, *, trained_on: str = "",
                      c: float = 1.0) -> ConceptModel:
    """L2-regularised logistic regression with soft targets (the share of references that
    contain each concept). Written with scipy because scikit-learn's LogisticRegression takes
    only hard labels; the objective is the same, 0.5·|w|² + c·Σ cross-entropy."""
    from scipy.optimize import minimize
    from scipy.special import expit

    mean = rows.mean(axis=0)
    scale = rows.std(axis=0)
    scale[scale == 0] = 1.0
    z = (rows - mean) / scale

    def loss(params: np.ndarray) -> tuple[float, np.ndarray]:
        w, b = params[:-1], params[-1]
        logits = z @ w + b
        # cross-entropy with soft targets, stable form: log(1 + e^x) - y·x
        value = np.sum(np.logaddexp(0.0, logits) - targets * logits)
        error = expit(logits) - targets
        gradient = np.append(z.T @ error * c + w, error.sum() * c)
        return 0.5 * w @ w + c * value, gradient

    result = minimize(loss, np.zeros(z.shape[1] + 1), jac=True, method="L-BFGS-B")
    return ConceptModel(FEATURES, tuple(mean.tolist()), tuple(scale.tolist()),
                        tuple(result.x[:-1].tolist()), float(result.x[-1]), trained_on)


class LearnedConceptSummariser(ConceptSummariser):
    """The concept ILP with weights from a trained ``ConceptModel`` (``concept_model``: a model
    or the path of one; default the shipped model); concepts under ``floor`` probability are
    dropped to keep the program small."""

    name = "concept-learned"

    def __init__(self, concept_model: ConceptModel | str | Path | None = None, floor: float = 0.01,
                 min_words: int = 8, redundancy_threshold: float | None = None) -> None:
        super().__init__(min_words=min_words, redundancy_threshold=redundancy_threshold)
        if not isinstance(concept_model, ConceptModel):
            concept_model = ConceptModel.load(concept_model or SHIPPED_MODEL)
        self.model = concept_model
        self.floor = floor

    def concept_weights(self, documents: Documents, index, sentence_concepts) -> dict[Concept, float]:
        rows = concept_features(documents, index, sentence_concepts, self.sources(documents), _Stemmer())
        if not rows:
            return {}
        concepts = list(rows)
        probabilities = self.model.predict(np.array([rows[c] for c in concepts]))
        return {c: float(p) for c, p in zip(concepts, probabilities, strict=True) if p > self.floor}
