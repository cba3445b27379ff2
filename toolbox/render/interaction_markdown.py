"""The plan's Markdown part for the interaction side (the same content as the report's implementation section)."""

from __future__ import annotations

from toolbox.render.report.implementation_view import implementation_view


def interaction_markdown(plan, esc) -> list[str]:
    im = implementation_view(plan)
    out: list[str] = []
    if plan.strategy:
        out += ["", "## Failures, approaches and spillover channels", "", esc(im.failures), "", esc(im.approaches), "",
                "| Axis | Channel | Opened by |", "|---|---|---|"]
        out += [f"| {axis} | {channel} | {esc(by)} |" for axis, channel, by in im.channels]
        out += ["", esc(im.channels_line), "", esc(im.horizon)]
    if im.governance:
        out += ["", "## Network governance", ""]
        for line in im.governance:
            out += [esc(line), ""]
    if plan.strategy:
        out += ["", "## Monitoring plan", "", esc(im.monitoring_intro), "",
                "| Rank | Instrument | Level | Indicator | Baseline | Target |", "|---|---|---|---|---|---|"]
        out += [f"| {r.rank} | {esc(r.instrument)} | {r.level} | {esc(r.indicator)} | | |" for r in im.monitoring]
        out += ["", "## Risk checklist: behaviours that hinder collaboration", "", esc(im.behaviour_intro), ""]
        out += [f"- [ ] **{esc(name)}**: {esc(description)}" for name, description in im.behaviours]
    return out
