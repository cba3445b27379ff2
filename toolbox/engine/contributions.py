"""Step 4: derive the present agents' contributions to each remaining instrument from the matrix."""

from __future__ import annotations

from collections.abc import Callable

from toolbox.engine.result import AgentRef, ContributionOut, ExcludedAgent
from toolbox.kb.model import KnowledgeBase
from toolbox.kb.records import LEVELS
from toolbox.profile.model import RegionProfile


def agent_ref(kb: KnowledgeBase, agent_id: str) -> AgentRef:
    a = kb.agents[agent_id]
    return AgentRef(a.id, a.name, a.group, a.level)


def present_agents(kb: KnowledgeBase, profile: RegionProfile) -> tuple[list[str], list[ExcludedAgent], list[str]]:
    """(agents that can contribute, agents left out with the reason, assumptions made).

    Agents count on the profile's level, on the lower levels inside the region (municipal business
    development, local cluster management, local companies) and on higher levels, which can influence it:
    the paper "refers to clusters at the regional and local levels, but considers also agents on higher
    spatial scales insofar as they can influence these clusters". Step 4 disregards an agent only when it
    is absent ("not all agents listed in Table 4 ... are present") or "not able or do[es] not want to
    participate" (Benner, procedure, step 4).
    """
    level = profile.region.level
    reach = LEVELS.index(level)
    if not profile.agents:
        standard = [a.id for a in kb.agents.values() if LEVELS.index(a.level) >= reach]
        below = LEVELS[reach + 1:]
        note = (f"The profile lists no agents, so the standard set of the {level} level"
                + (f" and of the {' and '.join(below)} level(s) inside the region" if below else "")
                + f" is assumed present and willing ({len(standard)} agent types of Benner's Table 4). List the "
                "agents actually present to get a strategy they can carry.")
        return standard, [], [note]
    present, excluded = [], []
    for entry in profile.agents:
        if not entry.willing:
            excluded.append(ExcludedAgent(agent_ref(kb, entry.id), "not able or not willing to take part (profile)"))
        else:
            present.append(entry.id)
    return present, excluded, []


def contribution_finder(kb: KnowledgeBase, present: list[str], level: str) -> Callable[[str], tuple[ContributionOut, ...]]:
    """A function giving, for an instrument id, the present agents' contributions to it: the profile's
    own level first, then the lower levels inside the region, then the higher levels (nearest first), each
    in the profile's order.

    That order and the agents' references are worked out once per plan, not once per instrument.
    """
    own = LEVELS.index(level)

    def place(agent_id: str) -> tuple[int, int]:
        distance = LEVELS.index(kb.agents[agent_id].level) - own
        return (0, 0) if distance == 0 else (1, distance) if distance > 0 else (2, -distance)

    rank = {a: (*place(a), i) for i, a in enumerate(present)}
    refs: dict[str, AgentRef] = {}

    def find(instrument_id: str) -> tuple[ContributionOut, ...]:
        found = sorted((rank[c.agent], c) for c in kb.contributions_to(instrument_id) if c.agent in rank)
        out = []
        for _, c in found:
            ref = refs.get(c.agent)
            if ref is None:
                ref = refs[c.agent] = agent_ref(kb, c.agent)
            out.append(ContributionOut(ref, c.types))
        return tuple(out)

    return find
