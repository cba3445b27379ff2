"""What changed between two saved plans, and why: each instrument that entered, left or moved, and the
inputs whose change caused it.

Pure: `diff(old, new)` reads two `SavedPlan`s (toolbox/saved_plan.py reads them from `plan --format json`).
Each plan's inputs are split into atoms, one per thing a user or analyst sets: a mechanism's degrees
(observed, attainable, possible), a mechanism's or instrument's rating, what an instrument acts on, its
cost, who can carry it, whether it is in place, its design, each weight, the budget, the potential.
The reason for a change is computed, never guessed: the old plan's inputs with some of the new plan's
atoms put in are decided again (toolbox/engine/replan.py), and a reason is a set of atoms that, put in
alone, makes the change happen, and from which no atom can be left out. Where one input category alone
suffices, each such category is a reason; otherwise the smallest joint set found is. Whether the change
also needs the reason (the new plan with those atoms put back does not have it) is reported too.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple

from toolbox.engine.replan import Decisions, MechanismInput, Outcome, decide
from toolbox.engine.result import InstrumentInput, PlanInputs
from toolbox.engine.weights import Weights

CATEGORIES = ("potential", "deficit", "rating", "links", "cost", "weight", "agent", "budget", "in_place", "design",
              "programmes")
"""Kinds of input, in the order reasons are tried and shown:
potential (step 1), deficit (a mechanism's observed, attainable or possible), rating (a mechanism's
empirical support or policy influence, an instrument's distortion risk or policy field), links (what an
instrument acts on, or whether the knowledge base has it), cost (an instrument's yearly cost, the EUR
rate), weight (one weight of the score model), agent (who can carry an instrument: presence, willingness,
the contribution matrix), budget, in_place (run already), design (a lower distortion risk declared),
programmes (the gaps of innovation the region's programmes bridge: those that are no instrument, key
`programmes`, null without programmes; and per instrument a programme names, the gaps its programmes bridge)."""
Atom = tuple[str, str]
"""(category, key): key is a mechanism or instrument id, a weight's dotted name, or the category."""


class SavedPlan(NamedTuple):
    """What `toolbox diff` reads from a plan's JSON."""

    file: str
    region: str
    cluster: str
    kb_version: str
    kb_layers: tuple[str, ...]
    """The overlay directories the plan was made with (empty: the shipped knowledge base alone)."""
    weights_source: str
    weights_hash: str
    weights: dict
    verdict: str
    currency: str
    mechanisms: tuple[MechanismInput, ...]
    inputs: PlanInputs
    outcomes: dict[str, Outcome]
    """Where each instrument ended up, as the plan recorded it."""
    numbers: dict[str, tuple[float | None, float | None]]
    """Per instrument: (score, marginal value) as recorded, where the plan gives them."""


class AtomChange(NamedTuple):
    category: str
    key: str
    old: object
    """The old plan's value (None: absent from that plan's knowledge base)."""
    new: object


class Reason(NamedTuple):
    categories: tuple[str, ...]
    atoms: tuple[AtomChange, ...]
    """Put into the old plan's inputs, these alone make the change happen; none of them can be left out."""
    necessary: bool
    """The new plan with these atoms put back to their old values no longer has the change."""


class Change(NamedTuple):
    instrument: str
    name: str
    kind: str
    """entered | left | moved"""
    old: Outcome
    new: Outcome
    old_numbers: tuple[float | None, float | None]
    new_numbers: tuple[float | None, float | None]
    reasons: tuple[Reason, ...]
    """Empty when no set of differing inputs reproduces the change (the plans were not made by this engine)."""


class Diff(NamedTuple):
    old: SavedPlan
    new: SavedPlan
    verdict: tuple[str, str]
    differences: tuple[AtomChange, ...]
    """Every input that differs, by category."""
    changes: tuple[Change, ...]
    unchanged: int
    """Instruments in both strategies at the same rank."""
    reproduced: tuple[bool, bool]
    """Whether deciding each plan again from its recorded inputs gives the decisions it records."""


def from_plan(file: str, plan) -> SavedPlan:
    """A plan made in this run as `toolbox diff` reads a saved one (what its JSON records)."""
    if plan.verdict.code in ("no_cluster_potential", "nothing_assessed", "no_justification"):
        outcomes = {i.id: Outcome("not_scored", plan.verdict.code) for i in plan.inputs.instruments}
    else:
        outcomes = {}
    numbers: dict[str, tuple[float | None, float | None]] = {}
    for item in plan.strategy:
        outcomes[item.assessment.instrument] = Outcome("strategy", None, item.rank)
        numbers[item.assessment.instrument] = (item.assessment.score, item.marginal_value)
    for where in ("deferred", "discarded", "in_place"):
        for s in getattr(plan, where):
            outcomes[s.instrument] = Outcome(where, s.reason)
            numbers[s.instrument] = (s.assessment.score if s.assessment else None, s.number("marginal_value"))
    mechanisms = tuple(MechanismInput(m.id, m.possible, m.observed, m.attainable, m.empirical_support,
                                      m.policy_influence) for m in plan.mechanisms)
    currency = plan.budget["currency"] if plan.budget else "EUR"
    return SavedPlan(file, plan.region["name"], plan.cluster["name"], plan.kb_version,
                     plan.kb_overlay.layers if plan.kb_overlay else (), plan.weights_source, plan.weights_hash,
                     plan.weights, plan.verdict.code, currency, mechanisms, plan.inputs, outcomes, numbers)


ABSENT = Outcome("absent", None, None)
"""An instrument the plan's knowledge base does not have."""


def _flat(weights: Mapping) -> dict[str, object]:
    out: dict[str, object] = {}
    for name, value in weights.items():
        if isinstance(value, Mapping):
            out.update({f"{name}.{k}": v for k, v in value.items()})
        else:
            out[name] = value
    return out


def _weights(flat: dict[str, object]) -> Weights:
    values: dict[str, object] = {}
    for key, value in flat.items():
        name, _, entry = key.partition(".")
        if name not in Weights._fields:
            continue  # a weight this engine does not know: it cannot change what this engine decides
        if entry:
            values.setdefault(name, {})[entry] = value
        else:
            values[name] = value
    return Weights(**values)


def _listed(gaps) -> list | None:
    return None if gaps is None else list(gaps)


def _tupled(gaps) -> tuple | None:
    return None if gaps is None else tuple(gaps)


def _atoms(plan: SavedPlan, mechanisms: set[str], instruments: set[str]) -> dict[Atom, object]:
    """The plan's inputs as atoms; ids in both plans (`mechanisms`, `instruments`) are split field by field."""
    out: dict[Atom, object] = {("potential", "potential"): plan.inputs.potential}
    for m in plan.mechanisms:
        degrees = {"possible": m.possible, "observed": m.observed, "attainable": m.attainable}
        ratings = {"empirical_support": m.empirical_support, "policy_influence": m.policy_influence}
        if m.id in mechanisms:
            out[("deficit", m.id)] = degrees
            out[("rating", m.id)] = ratings
        else:
            out[("deficit", m.id)] = {**degrees, **ratings}
    for i in plan.inputs.instruments:
        if i.id in instruments:
            out[("links", i.id)] = {"mechanisms": list(i.mechanisms), "gaps": list(i.gaps)}
            out[("rating", i.id)] = {"distortion_risk": i.distortion_risk, "policy_field": i.policy_field,
                                     "indirect": i.indirect}
            out[("cost", i.id)] = {"cost": i.cost, "cost_source": i.cost_source}
            out[("agent", i.id)] = {"carriers": list(i.carriers)}
            out[("in_place", i.id)] = i.in_place
            out[("design", i.id)] = None if i.design_risk is None else {"distortion_risk": i.design_risk,
                                                                       "reason": i.design}
        else:
            out[("links", i.id)] = {"name": i.name, "mechanisms": list(i.mechanisms), "cost": i.cost,
                                    "cost_source": i.cost_source, "distortion_risk": i.distortion_risk,
                                    "policy_field": i.policy_field, "carriers": list(i.carriers),
                                    "in_place": i.in_place, "design_risk": i.design_risk, "design": i.design,
                                    "indirect": i.indirect, "gaps": list(i.gaps),
                                    "programme_gaps": _listed(i.programme_gaps)}
            continue
        if i.programme_gaps is not None:
            out[("programmes", i.id)] = list(i.programme_gaps)
    out[("programmes", "programmes")] = _listed(plan.inputs.programme_gaps)
    out[("cost", "eur_rate")] = plan.inputs.eur_rate
    out[("budget", "budget")] = plan.inputs.budget
    out.update({("weight", k): v for k, v in _flat(plan.weights).items()})
    return out


def _unrecorded_gaps(plan: SavedPlan, other: SavedPlan) -> SavedPlan:
    """A plan whose inputs predate the gaps of innovation (inputs version 1) with the other plan's: the gaps
    then differ in no atom. Its own decisions do not depend on them, since it records no programmes."""
    if plan.inputs.version >= 2 or other.inputs.version < 2:
        return plan
    gaps = {i.id: i.gaps for i in other.inputs.instruments}
    rows = tuple(i._replace(gaps=gaps.get(i.id, ())) for i in plan.inputs.instruments)
    return plan._replace(inputs=plan.inputs._replace(instruments=rows, gaps=other.inputs.gaps))


class _World:
    """The old plan's atoms with some of the new plan's put in, decided again; each mix decided once."""

    def __init__(self, old: SavedPlan, new: SavedPlan):
        old, new = _unrecorded_gaps(old, new), _unrecorded_gaps(new, old)
        self.old, self.new = old, new
        mechanisms = {m.id for m in old.mechanisms} & {m.id for m in new.mechanisms}
        instruments = {i.id for i in old.inputs.instruments} & {i.id for i in new.inputs.instruments}
        self.a = _atoms(old, mechanisms, instruments)
        self.b = _atoms(new, mechanisms, instruments)
        self.differing = tuple(sorted((k for k in [*self.a, *(k for k in self.b if k not in self.a)]
                                       if self.a.get(k) != self.b.get(k)),
                                      key=lambda k: (CATEGORIES.index(k[0]), self._order(k))))
        self.m_order = [m.id for m in old.mechanisms] + [m.id for m in new.mechanisms if m.id not in mechanisms]
        self.i_order = ([i.id for i in old.inputs.instruments]
                        + [i.id for i in new.inputs.instruments if i.id not in instruments])
        self.names = {i.id: i.name for i in (*new.inputs.instruments, *old.inputs.instruments)}
        self.keys = list(self.a) + [k for k in self.b if k not in self.a]
        """Every atom of either plan, in a fixed order (nothing depends on the order of a set)."""
        self._seen: dict[frozenset, Decisions] = {}

    def _order(self, key: Atom) -> int:
        """Atoms within a category in the knowledge base's order (old plan's first), weights in theirs."""
        ids = ([m.id for m in self.new.mechanisms] + [i.id for i in self.new.inputs.instruments]
               + list(_flat(self.new.weights)))
        old_ids = [m.id for m in self.old.mechanisms] + [i.id for i in self.old.inputs.instruments] \
            + list(_flat(self.old.weights))
        order = old_ids + [x for x in ids if x not in old_ids]
        return order.index(key[1]) if key[1] in order else len(order)

    def decide(self, applied: frozenset) -> Decisions:
        found = self._seen.get(applied)
        if found is None:
            atoms = {k: (self.b.get(k) if k in applied else self.a.get(k)) for k in self.keys}
            found = self._seen[applied] = decide(*self._join(atoms))
        return found

    def _join(self, atoms: dict[Atom, object]) -> tuple[tuple[MechanismInput, ...], PlanInputs, Weights]:
        mechanisms = []
        for m in self.m_order:
            degrees = atoms.get(("deficit", m))
            if degrees is None:
                continue
            record = {**degrees, **(atoms.get(("rating", m)) or {})}
            mechanisms.append(MechanismInput(m, record["possible"], record["observed"], record["attainable"],
                                             record["empirical_support"], record["policy_influence"]))
        rows = []
        for i in self.i_order:
            links = atoms.get(("links", i))
            if links is None:
                continue
            if "cost" in links:  # in one plan only: all its fields travel together
                r = links
                rows.append(InstrumentInput(i, r["name"], tuple(r["mechanisms"]), r["cost"], r["cost_source"],
                                            r["distortion_risk"], r["design_risk"], r["design"], r["policy_field"],
                                            tuple(r["carriers"]), r["in_place"], r.get("indirect", False),
                                            tuple(r.get("gaps", ())), _tupled(r.get("programme_gaps"))))
                continue
            rating, cost, design = atoms[("rating", i)], atoms[("cost", i)], atoms[("design", i)]
            rows.append(InstrumentInput(
                i, self.names[i], tuple(links["mechanisms"]), cost["cost"], cost["cost_source"],
                rating["distortion_risk"], design["distortion_risk"] if design else None,
                design["reason"] if design else None, rating["policy_field"],
                tuple(atoms[("agent", i)]["carriers"]), atoms[("in_place", i)], rating.get("indirect", False),
                tuple(links.get("gaps", ())), _tupled(atoms.get(("programmes", i)))))
        base = self.old.inputs
        inputs = PlanInputs(atoms[("potential", "potential")], base.level, base.currency, atoms[("cost", "eur_rate")],
                            atoms[("budget", "budget")], tuple(rows), gaps=base.gaps or self.new.inputs.gaps,
                            programme_gaps=_tupled(atoms.get(("programmes", "programmes"))))
        weights = _weights({k[1]: v for k, v in atoms.items() if k[0] == "weight" and v is not None})
        return tuple(mechanisms), inputs, weights


def _holds(kind: str, instrument: str, target: Outcome, decisions: Decisions) -> bool:
    got = decisions.outcomes.get(instrument, ABSENT)
    if kind == "moved":
        return got.where == "strategy" and got.rank == target.rank
    return (got.where == "strategy") == (kind == "entered")


SINGLES = 16
"""In a category of more differing atoms than this (an overlay adding hundreds of instruments), the atoms
that suffice alone are not each tried: one minimal set is found instead, in fewer decisions."""


def _minimal(world: _World, kind: str, instrument: str, target: Outcome, atoms: list[Atom]) -> list[Atom]:
    """A subset of `atoms` that still makes the change happen and from which none can be left out.

    Halves, then quarters, and so on down to single atoms are left out in turn while the change still
    happens: when few atoms matter among many, this needs far fewer decisions than one atom at a time.
    It ends with a pass of single atoms that leaves none out, so none of those kept can be left out."""
    kept = list(atoms)
    size = max(1, len(kept) // 2)
    while True:
        start, before = 0, len(kept)
        while start < len(kept):
            trial = kept[:start] + kept[start + size:]
            if trial and _holds(kind, instrument, target, world.decide(frozenset(trial))):
                kept = trial
            else:
                start += size
        if size == 1 and len(kept) == before:  # a whole pass of single atoms left none out: none can be
            return kept
        size = max(1, size // 2)


def _reasons(world: _World, kind: str, instrument: str, target: Outcome) -> tuple[Reason, ...]:
    by_category: dict[str, list[Atom]] = {}
    for atom in world.differing:
        by_category.setdefault(atom[0], []).append(atom)
    everything = frozenset(world.differing)
    if not _holds(kind, instrument, target, world.decide(everything)):
        return ()
    found: list[list[Atom]] = []
    for category, atoms in by_category.items():
        if not _holds(kind, instrument, target, world.decide(frozenset(atoms))):
            continue
        singles = [a for a in atoms if _holds(kind, instrument, target, world.decide(frozenset([a])))] \
            if len(atoms) <= SINGLES else []
        found += [[a] for a in singles] if singles else [_minimal(world, kind, instrument, target, atoms)]
    if not found:  # no category alone: the fewest categories together, then the fewest of their atoms
        categories = list(by_category)
        for category in list(categories):
            trial = [c for c in categories if c != category]
            if trial and _holds(kind, instrument, target,
                                world.decide(frozenset(a for c in trial for a in by_category[c]))):
                categories = trial
        found = [_minimal(world, kind, instrument, target, [a for c in categories for a in by_category[c]])]
    out = []
    for atoms in found:
        undone = world.decide(everything - frozenset(atoms))
        out.append(Reason(tuple(dict.fromkeys(a[0] for a in atoms)),
                          tuple(AtomChange(c, k, world.a.get((c, k)), world.b.get((c, k))) for c, k in atoms),
                          not _holds(kind, instrument, target, undone)))
    return tuple(out)


def diff(old: SavedPlan, new: SavedPlan) -> Diff:
    world = _World(old, new)
    ids = list(dict.fromkeys([*world.i_order]))
    changes = []
    unchanged = 0
    for i in ids:
        a, b = old.outcomes.get(i, ABSENT), new.outcomes.get(i, ABSENT)
        if a.where == "strategy" and b.where == "strategy":
            if a.rank == b.rank:
                unchanged += 1
                continue
            kind = "moved"
        elif b.where == "strategy":
            kind = "entered"
        elif a.where == "strategy":
            kind = "left"
        else:
            continue
        changes.append(Change(i, world.names[i], kind, a, b, old.numbers.get(i, (None, None)),
                              new.numbers.get(i, (None, None)), _reasons(world, kind, i, b)))
    order = {"entered": 0, "left": 1, "moved": 2}
    changes.sort(key=lambda c: (order[c.kind], c.new.rank or c.old.rank or 0, ids.index(c.instrument)))
    reproduced = tuple(world.decide(s).outcomes == p.outcomes
                       for s, p in ((frozenset(), old), (frozenset(world.differing), new)))
    differences = tuple(AtomChange(c, k, world.a.get((c, k)), world.b.get((c, k))) for c, k in world.differing)
    return Diff(old, new, (old.verdict, new.verdict), differences, tuple(changes), unchanged, reproduced)
