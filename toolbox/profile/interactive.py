"""`toolbox init --interactive`: a profile built question by question.

The questions and the checks of every answer live here; how a question reaches the user is a
`Prompter` (the terminal's in the command, a scripted one in tests), so that the whole dialogue can
be driven without a terminal and every check still runs.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from typing import Protocol

from toolbox.kb.model import KnowledgeBase
from toolbox.levels import LEVELS
from toolbox.profile.from_evidence import _q
from toolbox.safe_text import visible
from toolbox.suggest import did_you_mean

OBSERVED = ("none", "weak", "medium", "strong", "unknown")
MAX_ASKS = 20
"""Answers refused in a row before the dialogue gives up (a script feeding the same bad answer would loop)."""


class Prompter(Protocol):
    def ask(self, question: str, default: str | None) -> str:
        """The user's answer, or `default` when they just press Enter."""

    def say(self, text: str) -> None:
        """Show a line of explanation."""


class TerminalPrompter:
    """Questions on the terminal: on stderr, so that nothing but the profile could reach stdout."""

    def ask(self, question: str, default: str | None) -> str:
        import typer  # its own prompt: from Typer 0.29 on, click is not installed with it

        if default is None:
            return typer.prompt(question, err=True, type=str)
        return typer.prompt(question, default=default, show_default=bool(default), err=True, type=str)

    def say(self, text: str) -> None:
        import typer

        typer.echo(text, err=True)


class GaveUp(Exception):
    """Too many refused answers in a row."""


def _ask(p: Prompter, question: str, check: Callable[[str], object], default: str | None = None):
    """Ask until `check` accepts the answer; `check` returns the value or raises ValueError with why."""
    for _ in range(MAX_ASKS):
        answer = (p.ask(question, default) or "").strip()
        if not answer and default is not None:
            answer = default
        try:
            return check(answer)
        except ValueError as exc:
            p.say(f"  {exc}")
    raise GaveUp(question)


def _choice(options: tuple[str, ...]) -> Callable[[str], str]:
    def check(answer: str) -> str:
        if answer.lower() in options:
            return answer.lower()
        raise ValueError(f"answer one of: {', '.join(options)}{did_you_mean(answer, options)}")
    return check


def _text(required: bool, limit: int = 200) -> Callable[[str], str | None]:
    def check(answer: str) -> str | None:
        if not answer:
            if required:
                raise ValueError("an answer is needed")
            return None
        if len(answer) > limit:
            raise ValueError(f"at most {limit} characters")
        return answer
    return check


def _yes_no(answer: str) -> bool:
    if answer.lower() in ("y", "yes"):
        return True
    if answer.lower() in ("n", "no"):
        return False
    raise ValueError("answer y or n")


def _amount(answer: str) -> float | None:
    if not answer:
        return None
    cleaned = answer.replace("_", "").replace(" ", "")
    if "," in cleaned or cleaned.count(".") > 1:
        raise ValueError("write the number without thousands separators, e.g. 1500000")
    try:
        value = float(cleaned)
    except ValueError:
        raise ValueError("a number, e.g. 1500000, or nothing for no budget") from None
    if not 0 < value <= 1e12:
        raise ValueError("a number above 0 and at most 10^12")
    return value


def _currency(answer: str) -> str:
    code = answer.upper()
    if len(code) == 3 and code.isalpha() and code.isascii():
        return code
    raise ValueError("an ISO 4217 code: three letters, e.g. EUR")


def _rate(answer: str) -> float:
    try:
        value = float(answer)
    except ValueError:
        raise ValueError("a number, e.g. 395.0") from None
    if not 0 < value <= 1e9:
        raise ValueError("a number above 0")
    return value


def _instruments(kb: KnowledgeBase) -> Callable[[str], list[str]]:
    def check(answer: str) -> list[str]:
        ids = [part.strip() for part in answer.replace(",", " ").split() if part.strip()]
        for i in ids:
            if i not in kb.instruments:
                raise ValueError(f"unknown instrument '{visible(i)}'{did_you_mean(i, kb.instruments)}; "
                                 "`toolbox kb list instruments` lists them")
        if len(set(ids)) != len(ids):
            raise ValueError("each instrument once")
        return ids
    return check


def _wrapped(text: str, indent: str = "  ") -> list[str]:
    return textwrap.wrap(visible(text), 96, initial_indent=indent, subsequent_indent=indent)


def interview(kb: KnowledgeBase, p: Prompter, level: str | None = None) -> str:
    """Ask for everything a profile needs and return its commented YAML text."""
    p.say("A region profile for `toolbox plan`, question by question. Press Enter to take the [default].")
    region = _ask(p, "Region name", _text(True))
    if level is None:
        level = _ask(p, f"Spatial level ({' | '.join(LEVELS)})", _choice(tuple(LEVELS)), "regional")
    country = _ask(p, "Country code or name (optional)", _text(False, 60), "")
    cluster = _ask(p, "Cluster's field, e.g. Widget machinery", _text(True))
    p.say("Step 1: is there cluster potential? present, nascent (emerging) or absent (no cluster strategy).")
    potential = _ask(p, "Cluster potential (present | nascent | absent)", _choice(("present", "nascent", "absent")),
                     "present")
    potential_evidence = _ask(p, "What the potential rests on (optional)", _text(False, 4000), "")

    p.say(f"Step 2: the twelve mechanisms. For each: Table 2's strength on the {level} level, then how strongly "
          "it is observed now (unknown is never counted as none).")
    mechanisms = []
    for m in kb.mechanisms.values():
        strength = getattr(m.strength, level)
        p.say("")
        p.say(f"{visible(m.name)}")
        for line in _wrapped(m.description):
            p.say(line)
        p.say(f"  Table 2 (Benner): {strength} on the {level} level.")
        possible = _ask(p, "  Can it work given the industry's character? (y/n)", _yes_no, "y")
        observed, evidence = "unknown", None
        if possible:
            observed = _ask(p, f"  Observed now ({' | '.join(OBSERVED)})", _choice(OBSERVED), "unknown")
            if observed != "unknown":
                evidence = _ask(p, "  What the observation rests on (optional)", _text(False, 4000), "")
        mechanisms.append((m, strength, possible, observed, evidence))

    p.say("")
    p.say("Step 4: the agents who could take part. Agents not present are left out.")
    agents = []
    for a in kb.agents_on(level):
        present = _ask(p, f"  Is there {visible(a.name)}? (y/n)", _yes_no, "y")
        if present:
            willing = _ask(p, "    Willing to take part? (y/n)", _yes_no, "y")
            agents.append((a, willing))

    p.say("")
    amount = _ask(p, "Yearly budget (a number; Enter for no budget)", _amount, "")
    currency, rate = "EUR", None
    if amount is not None:
        currency = _ask(p, "Currency (ISO 4217)", _currency, "EUR")
        if currency != "EUR":
            rate = _ask(p, f"How many {currency} is 1 EUR worth? (the indicative costs are EUR figures)", _rate)
    in_place = _ask(p, "Instruments already run (ids, separated by spaces; Enter for none)", _instruments(kb), "")

    lines = [
        "# Region profile for `toolbox plan`, written by `toolbox init --interactive`. Lines starting with #",
        "# are comments. Format: docs/profile.md.",
        "",
        "region:",
        f"  name: {_q(region)}",
        f"  level: {level}                  # supranational | national | regional | local",
    ]
    lines.append(f"  country: {_q(country)}" if country else "  # country: SE")
    lines += ["", "cluster:", f"  name: {_q(cluster)}",
              f"  potential: {potential}              # present | nascent | absent (step 1)"]
    lines.append(f"  evidence: {_q(potential_evidence)}" if potential_evidence
                 else "  # evidence: \"number of firms, employment share, ...\"")
    lines += ["", "# Step 2: none | weak | medium | strong | unknown (unknown is never counted as none).",
              f"# 'could be' is its attainable strength on the {level} level (Benner, Table 2).", "mechanisms:"]
    for m, strength, possible, observed, evidence in mechanisms:
        lines.append(f"  # {visible(m.name)} (could be {strength})")
        record = {"possible": possible, "observed": observed}
        if evidence:
            record["evidence"] = evidence
        lines.append(f"  {m.id}: {{" + ", ".join(f"{k}: {_q(v) if k == 'evidence' else str(v).lower()}"
                                                for k, v in record.items()) + "}")
    lines += ["", "# Agent types present in the region; willing: false = present but not taking part.", "agents:"]
    for a, willing in agents:
        lines.append(f"  - {{id: {a.id}, willing: {str(willing).lower()}}}   # {visible(a.name)}")
    if not agents:  # an empty list would mean "assume the level's standard set": the opposite of the answers
        lines[-1:] = ["# None of the level's agents is present: each is listed as not taking part, because an",
                      "# empty list would make the plan assume all of them.", "agents:"]
        lines += [f"  - {{id: {a.id}, willing: false, note: \"not present\"}}   # {visible(a.name)}"
                  for a in kb.agents_on(level)]
    lines.append("")
    if amount is None:
        lines += ["# No budget constraint. To add one:", "# budget:", "#   amount: 1500000", "#   currency: EUR"]
    else:
        lines += ["budget:", f"  amount: {_q(amount)}", f"  currency: {currency}"]
        if rate is not None:
            lines.append(f"  eur_rate: {_q(rate)}   # 1 EUR = {_q(rate)} {currency}")
    lines += ["", "# Instruments the region already runs (`toolbox kb list instruments`).",
              "in_place: [" + ", ".join(in_place) + "]", "",
              "# Optional: local yearly cost figures that replace the indicative ones.", "costs: {}", ""]
    return "\n".join(lines)
