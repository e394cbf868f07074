"""Evaluation harness: ROUGE of newsbrief and its peers on real multi-document benchmarks."""

from .data import Cluster, Document, read_clusters
from .harness import budget_for, evaluate, format_table, split_cluster
from .rouge import Rouge, bootstrap, truncate
from .systems import available_systems, get_system

__all__ = [
    "Cluster", "Document", "Rouge", "available_systems", "bootstrap", "budget_for", "evaluate",
    "format_table", "get_system", "read_clusters", "split_cluster", "truncate",
]
