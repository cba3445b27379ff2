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

    Agents count on the profile's level and on higher levels, which can influence it (Benner: the
    toolbox considers agents on higher spatial scales insofar as they can influence the cluster).
    """
    level = profile.region.level
    reach = LEVELS.index(level)
    if not profile.agents:
        standard = [a.id for a in kb.agents.values() if a.level == level]
        note = (f"The profile lists no agents, so the standard set of the {level} level is assumed present and "
                f"willing ({len(standard)} agent types of Benner's Table 4). List the agents actually present to "
                "get a strategy they can carry.")
        return standard, [], [note]
    present, excluded = [], []
    for entry in profile.agents:
        agent = kb.agents[entry.id]
        if not entry.willing:
            excluded.append(ExcludedAgent(agent_ref(kb, entry.id), "not able or not willing to take part (profile)"))
        elif LEVELS.index(agent.level) > reach:
            excluded.append(ExcludedAgent(agent_ref(kb, entry.id),
                                          f"on the {agent.level} level, below the profile's {level} level"))
        else:
            present.append(entry.id)
    return present, excluded, []


def contribution_finder(kb: KnowledgeBase, present: list[str], level: str) -> Callable[[str], tuple[ContributionOut, ...]]:
    """A function giving, for an instrument id, the present agents' contributions to it: the profile's
    own level first, then higher levels, each in the profile's order.

    That order and the agents' references are worked out once per plan, not once per instrument.
    """
    own = LEVELS.index(level)
    rank = {a: (own - LEVELS.index(kb.agents[a].level), i) for i, a in enumerate(present)}
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
