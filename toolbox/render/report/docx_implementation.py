"""The Word report's implementation section (report/implementation_view.py), written with the report's own
writer (report/docx.py), so that it looks like the other sections."""

from __future__ import annotations


def write_implementation(w, v) -> None:
    im = v.implementation
    if v.strategy:
        w.heading("Which failures the strategy answers", 2)
        w.para(im.failures)
        w.para(im.approaches)
        w.table(["Axis", "Channel", "Opened by"], [list(row) for row in im.channels], widths=[3.2, 4.0, 10.2],
                size=8.5, caption="Spillover channels the strategy opens and leaves closed")
        w.para(im.channels_line)
        w.para(im.horizon)
    if im.governance:
        w.heading("Network governance", 2)
        for line in im.governance:
            w.para(line)
    if not v.strategy:
        w.para("No instrument is recommended, so there is nothing to monitor.")
        return
    w.heading("Monitoring plan", 2)
    w.para(im.monitoring_intro)
    w.table(["Rank", "Instrument", "Level", "Indicator", "Baseline", "Target"],
            [[r.rank, r.instrument, r.level, r.indicator, "", ""] for r in im.monitoring],
            widths=[1.1, 5.2, 2.4, 5.3, 1.7, 1.7], size=8,
            caption="Indicators, with a baseline and a target to fill in")
    w.heading("Risk checklist: behaviours that hinder collaboration", 2)
    w.para(im.behaviour_intro)
    for name, description in im.behaviours:
        w.bullet(f": {description}", bold_lead="\u2610 " + name)
