"""The tool's own rule from measures to a potential (present / nascent / absent): docs/map.md#verdict.

It is this tool's rule, not the European Cluster Observatory's nor the US Cluster Mapping Project's:
it reads their two tests (stars, strong) and adds a growth path for emerging specialisations. Every
threshold is in data/mapping.yaml with its rationale. The verdict is a code and the figures compared,
which the renderers word.
"""

from __future__ import annotations

from toolbox.mapping.result import Verdict


def verdict(*, employment: float, lq: float | None, stars: int, strong: bool | None, growth: float | None,
            rule: dict) -> Verdict:
    numbers = {"employment": employment, "lq": lq, "stars": stars, "strong": strong, "growth": growth}
    if employment < rule["minimum_employment"]:
        return Verdict("absent", "absent_small", {**numbers, "minimum_employment": rule["minimum_employment"]})
    by_strong = bool(strong) and rule["present_if_strong"]
    by_stars = stars >= rule["present_stars"]
    if by_strong or by_stars:
        code = ("present_strong_and_stars" if by_strong and by_stars
                else "present_strong" if by_strong else "present_stars")
        return Verdict("present", code, {**numbers, "present_stars": rule["present_stars"]})
    lq_value = lq or 0.0
    if lq_value >= rule["nascent_lq"]:
        return Verdict("nascent", "nascent_specialised", {**numbers, "nascent_lq": rule["nascent_lq"]})
    if growth is not None and growth >= rule["nascent_growth"] and lq_value >= rule["nascent_growth_lq"]:
        return Verdict("nascent", "nascent_growing", {**numbers, "nascent_growth": rule["nascent_growth"],
                                                     "nascent_growth_lq": rule["nascent_growth_lq"]})
    return Verdict("absent", "absent", {**numbers, "nascent_lq": rule["nascent_lq"],
                                        "nascent_growth": rule["nascent_growth"],
                                        "nascent_growth_lq": rule["nascent_growth_lq"]})
