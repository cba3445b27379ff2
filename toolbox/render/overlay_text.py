"""How every output names an overlay knowledge base and what it changed against the shipped one."""

from __future__ import annotations

SHOWN_VALUE = 60
"""Characters of a changed value shown; longer texts (rationales) are cut."""


def _value(v) -> str:
    if v is None:
        return "–"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, dict):
        text = ", ".join(f"{k} {_value(x)}" for k, x in v.items())
    elif isinstance(v, list):
        text = ", ".join(_value(x) for x in v) or "none"
    elif isinstance(v, float) and v.is_integer():
        text = f"{v:,.0f}"
    else:
        text = str(v)
    text = " ".join(text.split())
    return text if len(text) <= SHOWN_VALUE else text[:SHOWN_VALUE - 1] + "…"


def overlay_line(overlay) -> str | None:
    """'knowledge base: shipped + overlay my_kb (2 changed, 1 added, 0 removed)', or None without one."""
    if overlay is None:
        return None
    return (f"knowledge base: shipped + overlay {', '.join(overlay.layers)} ({overlay.count('changed')} record(s) "
            f"changed, {overlay.count('added')} added, {overlay.count('removed')} removed against the shipped one)")


SHOWN_CHANGES = 40
"""Changes listed in the text formats; the JSON lists all."""


def change_text(c) -> str:
    """'instruments networking_events changed: distortion_risk low → medium; source.rationale … → …'."""
    head = f"{c.section} {c.id} {c.change}"
    if c.section == "contributions":
        return f"contributions to {c.id} changed: " + "; ".join(
            f"{agent} {'none' if old is None else _value(old)} → {'none' if new is None else _value(new)}"
            for agent, old, new in c.fields)
    if c.change == "changed":
        return head + ": " + "; ".join(f"{field} {_value(old)} → {_value(new)}" for field, old, new in c.fields)
    return head


def overlay_lines(overlay, limit: int | None = SHOWN_CHANGES) -> list[str]:
    """The overlay's line, then one line per change (the first `limit`, then a count); empty without one."""
    if overlay is None:
        return []
    changes = overlay.changes if limit is None else overlay.changes[:limit]
    lines = [overlay_line(overlay)]
    lines += [change_text(c) for c in changes] or ["(it changes nothing against the shipped knowledge base)"]
    if len(changes) < len(overlay.changes):
        lines.append(f"and {len(overlay.changes) - len(changes)} more change(s): --format json lists them all")
    return lines
