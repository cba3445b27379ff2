"""The score model's explicit weights. Every number here is an editorial assumption, shown in every plan.

`WEIGHT_DOCS` holds what each weight means, why it has its value and which values it may take, beside
`Weights`, so that `toolbox weights` and the weights-file loader read the same text the code is checked
against (tests/engine/test_weights.py: every field is documented).
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import NamedTuple


def _table(**values: float) -> Mapping[str, float]:
    return MappingProxyType(values)  # read-only: a default shared by every Weights()


class Weights(NamedTuple):
    """Weights of the score model (WEIGHT_DOCS and docs/method.md explain each and why). Immutable, like a plan."""

    empirical: Mapping[str, float] = _table(strong=1.0, moderate=0.75, limited=0.5)
    policy: Mapping[str, float] = _table(high=1.0, medium=0.7, low=0.4)
    distortion: Mapping[str, float] = _table(low=1.0, medium=0.8, high=0.6)
    max_distortion: str = "medium"
    cost_reference: float = 100_000.0
    cost_elasticity: float = 0.5
    other_field: float = 0.8
    decay: float = 0.5
    min_value_per_cost: float = 0.2
    indirect: float = 0.5
    quick_wins: float = 0.2
    discount_rate: float = 0.035
    empty_gap: float = 0.0

    def to_dict(self) -> dict:
        """Every weight by name, in the order above (the tables copied: the plan cannot change the weights)."""
        return {name: dict(value) if isinstance(value, Mapping) else value for name, value in zip(self._fields, self)}

    def digest(self) -> str:
        """sha256 of the weights' canonical JSON, first 12 hex digits: the same weights, the same digest."""
        import hashlib
        import json

        text = json.dumps(self.to_dict(), sort_keys=True, separators=(",", ":"), ensure_ascii=True)
        return hashlib.sha256(text.encode()).hexdigest()[:12]


class WeightDoc(NamedTuple):
    """What a weight means, why it has its default, and the values a weights file may give it."""

    meaning: str
    why: str
    limits: Mapping[str, float] = MappingProxyType({})
    """Bounds as pydantic names them (gt, ge, lt, le); for a table, the bounds of each of its entries."""
    choices: tuple[str, ...] = ()
    """For a weight that is a word: the words allowed."""
    spread: float = 0.0
    """`plan --robustness` draws the weight uniformly within value × (1 ± spread), kept within `limits`
    (for a table: each entry on its own). 0: not drawn."""
    spread_why: str = ""
    """Why the range is as wide as it is (or why the weight is not drawn)."""


FACTOR = MappingProxyType({"gt": 0.0, "le": 1.0})
"""A factor that can only lower a score, never raise it or make it zero: (0, 1]."""

DISTORTION_ORDER = ("low", "medium", "high")

WEIGHT_DOCS: Mapping[str, WeightDoc] = MappingProxyType({
    "empirical": WeightDoc(
        "Empirical barrier: a mechanism's factor by its empirical support.",
        "The paper asks whether a mechanism is empirically confirmed; a weakly supported one counts for less, "
        "but is not dropped, because limited evidence is not evidence against it.",
        FACTOR, spread=0.10,
        spread_why="Wide enough for a reader to weigh the evidence a little differently, narrow enough that the "
                   "three entries never swap order at the defaults (0.9–1.0, 0.675–0.825, 0.45–0.55): the order "
                   "itself is the paper's, and a rating's own uncertainty is drawn separately (one step up or down)."),
    "policy": WeightDoc(
        "Policy barrier: a mechanism's factor by how far policy can influence it.",
        "The paper asks whether policy can influence a mechanism at all; one that policy barely reaches is "
        "worth less public money.",
        FACTOR, spread=0.15,
        spread_why="Influence is judged more loosely than evidence (no literature grades it), so a wider range; the "
                   "entries still never swap order at the defaults (0.85–1.0, 0.595–0.805, 0.34–0.46)."),
    "distortion": WeightDoc(
        "Cost-benefit barrier: an instrument's factor by its risk of distorting markets.",
        "The paper requires that an intervention not distort the market disproportionately; a higher risk "
        "lowers the score before the limit below discards it.",
        FACTOR, spread=0.10,
        spread_why="How much a medium risk should cost is a judgement the paper leaves open; ±10 % keeps the three "
                   "entries apart (0.9–1.0, 0.72–0.88, 0.54–0.66)."),
    "max_distortion": WeightDoc(
        "Instruments with a higher distortion risk than this are discarded.",
        "A high-risk instrument (e.g. a subsidy to single firms) is the kind the paper warns against.",
        choices=DISTORTION_ORDER,
        spread_why="A word, not a number: the limit is a policy choice, not an uncertain estimate; the distortion "
                   "risks it is compared with are drawn instead."),
    "cost_reference": WeightDoc(
        "One cost unit: a yearly cost in EUR (converted at the profile's budget.eur_rate for another currency).",
        "An order of magnitude of a small regional instrument, so that cost units are numbers near 1.",
        MappingProxyType({"gt": 0.0, "le": 1e12}),
        spread_why="A unit, not an estimate: scaling it only rescales every cost weight alike, which drawing "
                   "min_value_per_cost already covers."),
    "cost_elasticity": WeightDoc(
        "How strongly cost lowers the score: score ∝ 1 / cost_units ** cost_elasticity (1 = a pure ratio).",
        "0.5 keeps a cheap instrument from winning on price alone while a dear one still has to earn its cost.",
        MappingProxyType({"ge": 0.0, "le": 2.0}), spread=0.3,
        spread_why="The square root is a convention between 'cost does not matter' (0) and a pure ratio (1); "
                   "0.35–0.65 keeps it nearer the middle than either end while letting cost weigh visibly "
                   "more or less."),
    "other_field": WeightDoc(
        "Policy barrier on instruments: an instrument outside cluster policy proper counts with this factor.",
        "Its decision makers sit in another field of economic policy and must first be won over (Benner: "
        "'whether by cluster policy in a narrow sense or by other fields of economic policy'); weighed, not "
        "forbidden.",
        FACTOR, spread=0.15,
        spread_why="How much harder another field is to win over varies by region; 0.68–0.92 keeps it a "
                   "discount, never a veto or none."),
    "decay": WeightDoc(
        "Diminishing returns: the k-th instrument acting on a mechanism adds decay ** (k - 1) of its need.",
        "A second instrument on the same mechanism is worth half the first: near-duplicates no longer add up "
        "as if each were alone (editorial).",
        FACTOR, spread=0.3,
        spread_why="Half is a round guess; 0.35–0.65 lets a second instrument be worth about a third to two "
                   "thirds of the first, the range over which 'worth having but no second first one' holds."),
    "min_value_per_cost": WeightDoc(
        "Value for money: an instrument must add at least this much value per cost_units ** cost_elasticity, "
        "alone (else it is not worth its cost) and given the strategy (else it adds too little to be kept).",
        "The paper requires that benefits outweigh the costs; at 0.2 the first instrument on a deficit-1 "
        "mechanism of moderate support and medium influence passes, the fourth on a full deficit of 2 does not "
        "(editorial).",
        MappingProxyType({"ge": 0.0, "le": 100.0}), spread=0.25,
        spread_why="The threshold is the strategy's size in disguise; ±25 % (0.15–0.25) moves it by about one "
                   "marginal instrument on the shipped examples, the margin a budget discussion argues over."),
    "indirect": WeightDoc(
        "Policy barrier on instruments: an instrument that reaches its mechanisms only indirectly, by asking "
        "another field's decision makers to act (the knowledge base's `influence: indirect`), counts with "
        "this factor, on top of other_field.",
        "The paper's policy barrier asks whether a mechanism can be influenced 'directly or more indirectly' "
        "and 'calls for a certain caution'. Lobbying delivers nothing itself: its mechanisms move only if "
        "another field decides to found an institute or a course, and then years later. 0.5 counts that as "
        "an even chance, so the lobbying's low cost alone cannot make it the strategy's first instrument "
        "(editorial).",
        FACTOR, spread=0.2,
        spread_why="An even chance is a guess: ±20 % (0.4–0.6) spans 'rather unlikely' to 'rather likely' that "
                   "another field acts on the lobbying, without ever counting it as direct."),
    "quick_wins": WeightDoc(
        "Roadmap (plan --years): low-hanging fruit. A quick win started in the roadmap's first year adds this "
        "share of its standalone value once more. A quick win takes effect within a year, has a low distortion "
        "risk and belongs to cluster policy proper (no other field's decision makers to win over).",
        "CLUSNET's advice to cluster builders: 'Begin with the low-hanging fruit. Start building trust in the "
        "cluster by identifying some task where there is agreement that action is needed' (Lindqvist & Sölvell, "
        "CLUSNET final report, 'A final word'). The share, 0.2, is editorial: enough to bring a quick win forward "
        "among near-equals, not enough to start one that is not worth its cost. 0 turns the preference off.",
        MappingProxyType({"ge": 0.0, "le": 1.0}),
        spread_why="Not drawn: it acts only on the roadmap (plan --years), which the robustness draws do not solve."),
    "discount_rate": WeightDoc(
        "Roadmap (plan --years): a year's coverage value counts 1 / (1 + discount_rate) ** (year - 1).",
        "HM Treasury's Green Book discounts public costs and benefits at 3.5 % a year in real terms (its "
        "social time preference rate); applying that rate to coverage value is editorial. Value sooner is "
        "worth more, so among equals the roadmap starts an instrument earlier.",
        MappingProxyType({"ge": 0.0, "le": 1.0}),
        spread_why="Not drawn: it acts only on the roadmap (plan --years), which the robustness draws do not solve."),
    "empty_gap": WeightDoc(
        "Optional gap term: each gap of innovation no programme bridges counts like a deficient mechanism of "
        "this need, met by the instruments whose gaps include it (0 = off; only with programmes).",
        "0 by default, so that a plan weighs Benner's mechanisms alone, as the paper does. CLUSNET asks for "
        "'institutional thickness' rather than 'empty slots' (Table 4) but gives no rate of exchange against "
        "a mechanism's need; a user who shares that concern may set e.g. 0.2, about the need of a deficit-1 "
        "mechanism of moderate support and medium influence. An empty gap never justifies an instrument on "
        "its own: only instruments that address a deficit are weighed (editorial).",
        MappingProxyType({"ge": 0.0, "le": 10.0}), spread=0.5,
        spread_why="CLUSNET gives no rate of exchange between an empty gap and a mechanism's need, so a value set "
                   "here is the least grounded of the weights: ±50 %, the widest range drawn (0.1–0.3 around 0.2, "
                   "from about half to nearly twice the 0.175 of a deficit-1 mechanism of moderate support and "
                   "medium influence). Whether to weigh empty gaps at all is the user's choice, not an uncertain "
                   "estimate: the term stays on in every draw, and at 0 (off) it stays 0."),
})
"""Every field of Weights, documented (a test checks that none is missing)."""
