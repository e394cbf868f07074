"""The evaluation harness on a tiny hand-written cluster."""

from __future__ import annotations

import importlib.util
import json

import pytest

from newsbrief.errors import InputError
from newsbrief.evaluate import Rouge, bootstrap, evaluate, format_table, read_clusters, truncate

REFERENCE = (
    "The city council approved a new harbour wall to protect homes from flooding. "
    "Construction starts in September and will cost about 40 million crowns."
)
CLUSTER = {
    "id": "tiny-1",
    "dataset": "duc-tiny",
    "documents": [
        {"id": "a", "title": None, "date": "2024-05-02", "source": "Post",
         "text": "Residents gathered at the town hall on Tuesday evening.\n\n"
                 "The city council approved a new harbour wall to protect homes from flooding.\n\n"
                 "Construction starts in September and will cost about 40 million crowns."},
        {"id": "b", "title": None, "date": "2024-05-02", "source": "Herald",
         "text": "Some residents complained about the noise from the harbour works last year.\n\n"
                 "Councillors approved the new harbour wall to protect homes from flooding.\n\n"
                 "The wall will cost about 40 million crowns, officials said."},
    ],
    "summaries": [REFERENCE, REFERENCE],
}


@pytest.fixture
def tiny(tmp_path):
    path = tmp_path / "tiny.jsonl"
    path.write_text(json.dumps(CLUSTER) + "\n")
    return path


def test_reference_against_itself_scores_100():
    scores = Rouge().score([REFERENCE], [REFERENCE])
    assert all(value == pytest.approx(100.0) for value in scores.values())


def test_accents_are_transliterated_before_scoring():
    scores = Rouge().score(["Juan Guaidó spoke."], ["Juan Guaido spoke."])
    assert scores["rouge1_r"] == pytest.approx(100.0)


def test_truncate_cuts_at_the_budget():
    assert truncate(["one two three", "four five six"], 4) == ["one two three", "four"]
    assert truncate(["one two"], 10) == ["one two"]


def test_bootstrap_interval_brackets_the_mean():
    interval = bootstrap([1.0, 2.0, 3.0, 4.0, 5.0])
    assert interval.low <= interval.mean == 3.0 <= interval.high


def test_read_clusters_and_malformed_line(tiny, tmp_path):
    [cluster] = read_clusters(tiny)
    assert cluster.id == "tiny-1" and len(cluster.documents) == 2 and len(cluster.summaries) == 2
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps(CLUSTER) + "\n{oops\n")
    with pytest.raises(InputError, match=r"bad\.jsonl:2"):
        list(read_clusters(bad))


def test_oracle_never_below_lead_and_table_prints(tiny):
    results, budget = evaluate(read_clusters(tiny), ["lead", "centroid", "concept", "oracle"], words=20)
    by_name = {r.name: r for r in results}
    assert budget == 20
    for key in ("rouge1_r", "rouge2_r"):
        assert by_name["oracle"].scores[key][0] >= by_name["lead"].scores[key][0]
    table = format_table(results, title="tiny", headline="r")
    assert table.count("\n| ") == 5 and "R2-R" in table and "±" in table


@pytest.mark.skipif(importlib.util.find_spec("sumy") is None, reason="benchmark extra not installed")
def test_sumy_peer_runs_offline_on_our_split(tiny):
    results, _ = evaluate(read_clusters(tiny), ["sumy-lexrank"], words=20)
    assert results[0].scores["rouge1_r"][0] > 0


def test_timeline_scores_perfect_and_empty():
    import datetime as dt

    from newsbrief.evaluate.timelines import score_timeline

    day = dt.date(2011, 1, 25)
    reference = {day: ["Protesters fill the streets of Cairo ."]}
    perfect = score_timeline(reference, reference, Rouge())
    assert perfect == pytest.approx((1.0, 1.0, 1.0, 1.0, 1.0))
    assert score_timeline({}, reference, Rouge()) == (0.0, 0.0, 0.0, 0.0, 0.0)
    next_day = {day + dt.timedelta(days=1): reference[day]}
    shifted = score_timeline(next_day, reference, Rouge())
    assert shifted[0] == 0.0 and shifted[1] == 0.0 and shifted[3] == pytest.approx(0.5)


def test_timeline_evaluation_on_a_tiny_topic(tmp_path):
    from newsbrief.evaluate.timelines import evaluate_timelines, format_timeline_table

    topic = {
        "id": "tiny-topic", "dataset": "timeline17",
        "documents": [
            {"id": "1", "date": "2011-01-26",
             "text": "Thousands of protesters marched in Cairo on Tuesday ."},
            {"id": "2", "date": "2011-01-27",
             "text": "Police fired tear gas at protesters in Cairo on Tuesday ."},
        ],
        "timelines": [[{"date": "2011-01-25", "text": "Protesters marched in Cairo ."}]],
    }
    path = tmp_path / "tl.jsonl"
    path.write_text(json.dumps(topic) + "\n")
    [scores] = evaluate_timelines(read_clusters(path))
    assert scores.date_f1 == 1.0 and scores.ar1_agree > 0.3
    assert "tiny-topic" in format_timeline_table([scores])


def test_quote_scores_perfect_empty_and_wrong_speakers(tmp_path):
    from newsbrief.evaluate.quotes import Found, read_passages, score

    path = tmp_path / "q.jsonl"
    path.write_text(
        '{"id": "a", "text": "x", "quotes": '
        '[{"text": "We will rebuild the school", "speaker": "Lena Brandt"},'
        ' {"text": "Down with the dam now", "speaker": null}]}\n'
    )
    passages = read_passages(path)
    perfect = score("p", [[Found("We will rebuild the school,", "Brandt"),
                           Found("Down with the dam now", None)]], passages, 0.0)
    assert perfect.detection_precision == perfect.detection_recall == 1.0
    assert perfect.attribution_precision == perfect.attribution_recall == 1.0
    assert perfect.unattributed_kept == "1/1"
    silent = score("s", [[]], passages, 0.0)
    assert silent.detection_recall == 0.0 and silent.attribution_recall == 0.0
    wrong = score("w", [[Found("We will rebuild the school", "Omar Haddad"),
                         Found("Down with the dam now", "Omar Haddad")]], passages, 0.0)
    assert wrong.detection_recall == 1.0 and wrong.attribution_precision == 0.0
    split = score("h", [[Found("We will rebuild", "Brandt"), Found("We will rebuild the school", "Brandt")]],
                  passages, 0.0)
    assert split.detection_precision == 0.5  # a second half cannot match the same gold quote


def test_annotated_quote_set_is_well_formed():
    from pathlib import Path

    from newsbrief.evaluate.quotes import read_passages

    passages = read_passages(Path(__file__).parents[1] / "bench" / "data" / "quotes.jsonl")
    assert sum(len(p.gold) for p in passages) >= 60
    assert all(g.text in p.text or "…" in g.text for p in passages for g in p.gold)


def test_conflict_harness_rewards_neither_silence_nor_noise():
    from newsbrief.evaluate.conflicts import Perturbation, evaluate_conflicts, find_perturbation
    from newsbrief.evaluate.data import Cluster, Document

    cluster = Cluster("c1", "tiny", (
        Document("d1", "Rescuers said 32 people were killed when the old dam burst on Monday near the town."),
        Document("d2", "At least 32 people were killed when the old dam burst on Monday, officials said."),
        Document("d3", "The old dam burst on Monday and 12 homes were destroyed by water, residents said."),
    ))
    change = find_perturbation(cluster)
    assert change is not None and change.old == "32" and change.new == "67"
    assert find_perturbation(cluster, "last") is None  # one shared figure: no second test case
    two = Cluster("c2", "tiny", (
        Document("d1", "Rescuers said 32 people were killed and 12 homes were destroyed on Monday."),
        Document("d2", "At least 32 people were killed and 12 homes were destroyed, officials said."),
    ))
    assert find_perturbation(two, "last") == Perturbation("c2", 1, "12", "27", "homes")
    scores, _ = evaluate_conflicts([cluster], ["newsbrief", "every-pair", "none"])
    by_name = {s.detector: s for s in scores}
    assert by_name["none"].recall == 0.0 and by_name["none"].precision == 0.0
    assert by_name["newsbrief"].recall == 1.0 and by_name["newsbrief"].precision == 1.0


def test_annotated_conflict_set_is_well_formed():
    import json
    from pathlib import Path

    path = Path(__file__).parents[1] / "bench" / "data" / "conflicts.jsonl"
    records = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    assert len(records) >= 10
    for record in records:
        assert len(record["documents"]) >= 2
        for conflict in record["conflicts"]:
            assert conflict["kind"] in {"number", "name", "title", "date"} and len(conflict["values"]) >= 2


def test_fact_alignment_harness_rewards_neither_silence_nor_lumping():
    from pathlib import Path

    from newsbrief.evaluate.facts import evaluate_alignment, read_stories

    path = Path(__file__).parents[1] / "bench" / "data" / "facts.jsonl"
    stories = read_stories(path)
    assert len(stories) >= 12 and all(len(s.outlets) >= 3 for s in stories)
    labels = [label for s in stories for sentences in s.sentences for label, _ in sentences]
    assert any(labels.count(label) > 1 for label in labels)  # facts several outlets report
    scores = {s.detector: s for s in evaluate_alignment(path)}
    assert scores["none"].recall == 0.0 and scores["none"].predicted_pairs == 0
    assert scores["one-fact"].recall == 1.0 and scores["one-fact"].precision < 0.2
    newsbrief = scores["newsbrief"]
    assert newsbrief.f1 > max(scores["none"].f1, scores["one-fact"].f1)
    assert newsbrief.count_accuracy > max(scores["none"].count_accuracy, scores["one-fact"].count_accuracy)


def test_train_concepts_writes_a_model_the_summariser_uses(tiny, tmp_path):
    from click.testing import CliRunner

    from newsbrief.cli import main
    from newsbrief.summarise import get_summariser
    from newsbrief.summarise.learned import ConceptModel

    out = tmp_path / "concepts.json"
    result = CliRunner().invoke(main, ["train-concepts", str(tiny), "-o", str(out)])
    assert result.exit_code == 0, result.output
    model = ConceptModel.load(out)
    assert model.trained_on == "tiny.jsonl"
    summariser = get_summariser("concept-learned", concept_model=str(out))
    assert summariser.model == model
    documents = [[s.strip() + "." for s in d["text"].split(".\n\n")] for d in CLUSTER["documents"]]
    assert summariser.select(documents, 30)
    no_summaries = tmp_path / "none.jsonl"
    no_summaries.write_text(json.dumps({**CLUSTER, "summaries": ["Nothing in common at all here."]}) + "\n")
    result = CliRunner().invoke(main, ["train-concepts", str(no_summaries), "-o", str(tmp_path / "x.json")])
    assert result.exit_code == 1
    assert "no training examples" in result.output


def test_train_concepts_refuses_empty_and_garbage_input(tmp_path):
    from click.testing import CliRunner

    from newsbrief.cli import main

    empty = tmp_path / "empty.jsonl"
    empty.write_text("")
    garbage = tmp_path / "garbage.jsonl"
    garbage.write_bytes(b"\x00\xff\xfe binary junk \x89PNG\r\n")
    out = tmp_path / "model.json"
    for path in (empty, garbage):
        result = CliRunner().invoke(main, ["train-concepts", str(path), "-o", str(out)])
        assert result.exit_code == 1, result.output
        assert "Error:" in result.output and "Traceback" not in result.output
        assert not out.exists()  # nothing half-written
