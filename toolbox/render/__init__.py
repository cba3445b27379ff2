"""Renderers: each turns a result into text and decides nothing. One module per format; `registry` names them."""

from __future__ import annotations

from toolbox.render.registry import formats

PlanFormat = formats("plan", "PlanFormat")
"""The formats of `plan` and `explain`."""
