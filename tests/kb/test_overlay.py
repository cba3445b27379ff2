"""An overlay names itself: which directories, and every record added, removed or changed against the
shipped knowledge base (toolbox/kb/overlay.py), in every plan output."""

from __future__ import annotations

from pathlib import Path

from toolbox.kb.load import load_kb

ROOT = Path(__file__).resolve().parents[2]
TEST_OVERLAY = ROOT / "tests/audit/diff_kb"


def write(directory: Path, name: str, text: str) -> None:
    directory.mkdir(exist_ok=True)
    (directory / name).write_text(text, encoding="utf-8")


def test_the_shipped_knowledge_base_has_no_overlay(kb):
    assert kb.overlay is None


def test_changed_fields_are_listed_with_both_values(tmp_path):
    overlay = load_kb([TEST_OVERLAY]).overlay
    by_id = {(c.section, c.id): c for c in overlay.changes}
    assert set(by_id) == {("mechanisms", "social_networks"), ("instruments", "networking_events")}
    mechanism = dict((f, (a, b)) for f, a, b in by_id[("mechanisms", "social_networks")].fields)
    assert mechanism["empirical_support.rating"] == ("strong", "limited")  # data/mechanisms.yaml vs the overlay
    instrument = dict((f, (a, b)) for f, a, b in by_id[("instruments", "networking_events")].fields)
    assert instrument["distortion_risk"] == ("low", "medium")
    assert "cost.typical" not in instrument  # unchanged fields are not listed
    assert overlay.count("changed") == 2 and overlay.count("added") == overlay.count("removed") == 0


def test_added_records_and_replaced_contributions(tmp_path):
    d = tmp_path / "kb"
    write(d, "vocabulary.yaml", "documents:\n  - {id: regional_evaluation, name: Regional evaluation 2025, "
                                "description: Our own evaluation of the cluster programme.}\n")
    write(d, "contributions.yaml", "contributions:\n  - instrument: job_fairs\n    replace: true\n    rows:\n"
                                   "      - {kinds: [cluster_management], levels: [regional, local], types: [organisation]}\n"
                                   "    source: {document: regional_evaluation, rationale: \"Only the cluster management runs them here.\"}\n")
    overlay = load_kb([d]).overlay
    kinds = {(c.section, c.id, c.change) for c in overlay.changes}
    assert ("documents", "regional_evaluation", "added") in kinds
    (jobs,) = [c for c in overlay.changes if c.section == "contributions"]
    assert jobs.id == "job_fairs" and jobs.change == "changed"
    agents = {agent: (old, new) for agent, old, new in jobs.fields}
    # data/contributions.yaml: universities take part and publicise; the cluster management organises and
    # reaches out; the overlay keeps only the cluster managements' organisation
    assert agents["regional_universities"] == (["participation", "publicity"], None)
    assert agents["regional_cluster_management"] == (["organisation", "stakeholder_outreach"], ["organisation"])
