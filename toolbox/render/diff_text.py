"""The wording of a diff, shared by its terminal, Markdown and JSON forms: each input that differs, each
outcome, each reason, from the codes and numbers of toolbox/audit/diff.py."""

from __future__ import annotations

from toolbox.audit.diff import AtomChange, Change, Diff, Reason, SavedPlan
from toolbox.engine.replan import Outcome
from toolbox.audit.compare import InstrumentCell
from toolbox.render.common import weights_note
from toolbox.render.compare_text import instrument_cell

CATEGORY_TEXT = {
    "potential": "cluster potential",
    "deficit": "deficit",
    "rating": "rating",
    "links": "knowledge-base links",
    "cost": "cost",
    "weight": "weight",
    "agent": "agents",
    "budget": "budget",
    "in_place": "in place",
    "design": "design",
    "programmes": "programmes",
}
KIND_TEXT = {"entered": "entered", "left": "left", "moved": "moved"}
FIELD_TEXT = {"observed": "observed", "attainable": "attainable", "possible": "possible",
              "empirical_support": "empirical support", "policy_influence": "policy influence",
              "distortion_risk": "distortion risk", "policy_field": "policy field"}
SHOWN = 4
"""Most agent ids listed in one change of carriers; the rest are counted."""


def _value(v) -> str:
    if isinstance(v, bool):
        return "yes" if v else "no"
    if isinstance(v, float) and v.is_integer():
        return f"{v:,.0f}" if abs(v) >= 1000 else f"{v:g}"
    if isinstance(v, (int, float)):
        return f"{v:,}" if abs(v) >= 1000 else f"{v:g}"
    return str(v)


def _some(ids, shown: int = SHOWN) -> str:
    ids = list(ids)
    head = ", ".join(ids[:shown])
    return head + (f" and {len(ids) - shown} more" if len(ids) > shown else "")


def atom_text(a: AtomChange, currency: str = "") -> str:
    """One differing input, old → new, in words."""
    old, new, key = a.old, a.new, a.key
    if a.category == "potential":
        return f"cluster potential {old} → {new}"
    if a.category == "budget":
        def show(v):
            return "none" if v is None else f"{v:,.0f} {currency}".strip()
        return f"budget {show(old)} → {show(new)} a year"
    if a.category == "weight":
        return f"weight {key} {_value(old)} → {_value(new)}"
    if key == "eur_rate":
        return f"EUR rate {_value(old)} → {_value(new)}"
    if a.category == "design":
        def show(d):
            return "none" if d is None else f"distortion risk {d['distortion_risk']}"
        return f"{key} design {show(old)} → {show(new)}"
    if a.category == "programmes":
        return _programmes_text(key, old, new)
    if old is None or new is None:
        what = "mechanism" if a.category == "deficit" else "instrument"
        return f"{what} {key} {'only in the new' if old is None else 'only in the old'} knowledge base"
    if a.category == "links":
        parts = []
        if old["mechanisms"] != new["mechanisms"]:
            parts.append(f"acts on {', '.join(old['mechanisms'])} → {', '.join(new['mechanisms'])}")
        if old.get("gaps") != new.get("gaps"):
            parts.append(f"bridges the gaps {_gaps(old.get('gaps'))} → {_gaps(new.get('gaps'))}")
        return f"{key} " + "; ".join(parts)
    if a.category == "cost":
        return (f"{key} cost {old['cost']:,.0f} ({old['cost_source']}) → {new['cost']:,.0f} ({new['cost_source']})"
                f"{' ' + currency if currency else ''}")
    if a.category == "agent":
        before, after = old["carriers"], new["carriers"]
        gone = [x for x in before if x not in after]
        came = [x for x in after if x not in before]
        text = f"{key} carried by {len(before)} → {len(after)} agent type(s)"
        if gone:
            text += f"; no longer: {_some(gone)}"
        if came:
            text += f"; now also: {_some(came)}"
        return text
    if a.category == "in_place":
        return f"{key} {'in place' if old else 'not in place'} → {'in place' if new else 'not in place'}"
    parts = [f"{FIELD_TEXT.get(f, f)} {_value(old.get(f))} → {_value(new.get(f))}"
             for f in new if old.get(f) != new.get(f)]
    return f"{key}: " + ", ".join(parts)


def _gaps(gaps) -> str:
    return ", ".join(gaps) if gaps else "none"


def _programmes_text(key: str, old, new) -> str:
    """The gaps the region's programmes bridge: those of programmes that are no instrument (key `programmes`;
    None: the profile lists no programmes), or those of the programmes naming one instrument (None: none)."""
    if key == "programmes":
        def show(gaps):
            return "no programmes" if gaps is None else _gaps(gaps)
        return f"gaps bridged by programmes that are no instrument: {show(old)} → {show(new)}"

    def named(gaps):
        return "no programme" if gaps is None else _gaps(gaps)
    return f"gaps bridged by the programmes that are {key}: {named(old)} → {named(new)}"


def outcome_text(o: Outcome) -> str:
    """'#3', 'deferred: over budget', 'in place': worded as a comparison's cell."""
    return instrument_cell(InstrumentCell(o.where, o.reason, o.rank, None))


def reason_text(r: Reason, currency: str = "") -> str:
    kinds = " + ".join(CATEGORY_TEXT[c] for c in r.categories)
    inputs = "; ".join(atom_text(a, currency) for a in r.atoms)
    if len(r.atoms) > 1:
        return (f"{inputs} ({kinds}: these together make the change; "
                + ("without them it does not happen)" if r.necessary
                   else "not needed: the other differences alone make it too)"))
    return (f"{inputs} ({kinds}: enough on its own; "
            + ("without it the change does not happen)" if r.necessary
               else "not needed: the other differences alone make it too)"))


def _adds(o: Outcome, numbers) -> str:
    marginal = numbers[1]
    if marginal is None or o.where not in ("strategy", "deferred"):
        return ""
    return f" (adds {marginal:.3f})" if o.where == "strategy" else f" (would add {marginal:.3f})"


def transition_text(c: Change) -> str:
    """'#1 (adds 0.350) → deferred: adds little (would add 0.093)'."""
    return f"{outcome_text(c.old)}{_adds(c.old, c.old_numbers)} → {outcome_text(c.new)}{_adds(c.new, c.new_numbers)}"


def change_line(c: Change) -> str:
    return f"{c.instrument}: {transition_text(c)}"


def no_reason_text(d: Diff) -> str:
    return ("no difference in the recorded inputs reproduces it: "
            + ("the plans' recorded decisions are not those this toolbox makes from their inputs"
               if not all(d.reproduced) else "a difference the inputs do not record"))


def plan_line(p: SavedPlan) -> str:
    kb = p.kb_version + (f" with overlay {', '.join(p.kb_layers)}" if p.kb_layers else " (shipped)")
    return (f"{p.file}: {p.region}, {p.cluster}; knowledge base {kb}; "
            f"{weights_note(p.weights_source, p.weights_hash)}")


def counts(d: Diff) -> dict[str, int]:
    out = {k: sum(1 for c in d.changes if c.kind == k) for k in KIND_TEXT}
    out["unchanged"] = d.unchanged
    return out


def summary_line(d: Diff) -> str:
    n = counts(d)
    return (f"{n['entered']} entered, {n['left']} left, {n['moved']} moved, "
            f"{n['unchanged']} at the same rank; {len(d.differences)} input(s) differ")


def reproduced_note(d: Diff) -> str | None:
    bad = [p.file for p, ok in zip((d.old, d.new), d.reproduced) if not ok]
    if not bad:
        return None
    return (f"caution: deciding {' and '.join(bad)} again from the recorded inputs does not give the recorded "
            "strategy (edited by hand, or made by another version): reasons may be missing")
