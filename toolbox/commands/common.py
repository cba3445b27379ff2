"""What several commands share: the --kb option, loading, and how to print for this terminal."""

import os
import shutil
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

KbOption = Annotated[
    Optional[list[Path]],
    typer.Option("--kb", metavar="DIR", show_default=False,
                 help="Your own knowledge-base directory, on top of the shipped one (repeatable; default: $TOOLBOX_KB)."),
]
OutputOption = Annotated[Optional[str], typer.Option("--output", "-o", metavar="FILE",
                                                     help="Write to FILE instead of stdout ('-' = stdout).")]
WeightsOption = Annotated[Optional[Path], typer.Option(
    "--weights", metavar="FILE", show_default=False,
    help="A weights file (YAML) replacing the defaults it names; `toolbox weights` prints them all.")]
RobustnessOption = Annotated[bool, typer.Option(
    "--robustness", help="Also draw the editorial inputs (weights, ratings, costs, observed ranges) many times and "
                         "report how often each instrument is in the strategy, at which rank, the robust core and "
                         "the inputs that move it most (needs numpy). Implied by --seed and --draws.")]
SeedOption = Annotated[Optional[int], typer.Option(
    "--seed", min=0, max=2**63 - 1, show_default=False,
    help="Seed of the robustness draws (default 20260101): the same seed, the same output.")]
DrawsOption = Annotated[Optional[int], typer.Option(
    "--draws", min=100, max=50_000, show_default=False, help="Number of robustness draws (default 10,000).")]
ForceOption = Annotated[bool, typer.Option(
    "--force", help="Overwrite FILE if it exists, keeping its mode; a link is followed to its file. "
                    "A device, pipe or socket is never overwritten.")]


class Suppressed(str, Enum):
    error = "error"
    zero = "zero"


# The employment data of `toolbox map` and `toolbox init --from-map`: the same four options in both.
EmploymentOption = Annotated[Optional[Path], typer.Option(
    "--employment", metavar="FILE", help="Employment CSV: region, industry, employment[, establishments, year, "
                                         "region_name] (default: the shipped UK data).")]
MappingOption = Annotated[Optional[Path], typer.Option(
    "--mapping", metavar="FILE", help="Industry → cluster CSV: industry, cluster[, traded, cluster_name] "
                                      "(default: the shipped SIC → segment lookup).")]
MapConfigOption = Annotated[Optional[Path], typer.Option(
    "--config", metavar="FILE", help="Thresholds (YAML) replacing the shipped data/mapping.yaml.")]
SuppressedOption = Annotated[Suppressed, typer.Option(
    "--suppressed", help="A blank or suppressed cell: an error, or counted as zero.")]


def knowledge_base(kb_dirs: Optional[list[Path]]):
    """The shipped knowledge base with the user's directories on top (imported here: --help stays fast)."""
    from toolbox.kb.load import load_kb, user_dirs

    return load_kb(user_dirs(kb_dirs))


def weights_for(path: Optional[Path]):
    """(Weights, source): the file's weights, or the defaults (imported here: --help stays fast)."""
    from toolbox.weights_file import weights_for as load

    return load(path)


def use_color(target: str | None) -> bool:
    return target in (None, "-") and sys.stdout.isatty() and "NO_COLOR" not in os.environ


def width() -> int:
    return max(60, min(shutil.get_terminal_size((100, 24)).columns, 160))


def robust(base, profile, weights, plan, draws: Optional[int], seed: Optional[int]):
    """`plan` with its robustness (engine/robustness.py; imported here, since it imports numpy)."""
    from toolbox.engine.robustness import DRAWS, SEED, with_robustness

    return with_robustness(base, profile, weights, plan, DRAWS if draws is None else draws,
                           SEED if seed is None else seed)


def wants_robustness(flag: bool, draws: Optional[int], seed: Optional[int]) -> bool:
    return flag or draws is not None or seed is not None
YearsOption = Annotated[Optional[int], typer.Option(
    "--years", metavar="N", min=1, max=30, show_default=False,
    help="Add a phased roadmap over N years: in which year each instrument starts, under each year's budget "
         "(budget.years in the profile, else budget.amount every year).")]


def region_and_plan(base, profile_path: Path, weights, source: str):
    """(profile, plan): the region profile at `profile_path` and its plan (imported here: --help stays fast)."""
    from toolbox.engine import make_plan
    from toolbox.profile.load import load_profile

    profile = load_profile(profile_path, base)
    return profile, make_plan(base, profile, weights, source)


def load_and_plan(profile_path: Path, kb_dirs: Optional[list[Path]], weights_path: Optional[Path]):
    """(knowledge base, profile, plan) for a command that plans one profile under its --kb and --weights: the
    weights file is read first, then the knowledge base, then the profile, and their errors come in that order."""
    chosen, source = weights_for(weights_path)
    base = knowledge_base(kb_dirs)
    return (base, *region_and_plan(base, profile_path, chosen, source))


def make_plan_for(base, profile_path: Path, weights, source: str, years: Optional[int] = None,
                  sure: tuple = (False, None, None)):
    """Load the profile and plan it; with `sure` = (True, draws, seed), with its robustness; with --years N or
    budget.years in the profile, with its roadmap."""
    profile, result = region_and_plan(base, profile_path, weights, source)
    if sure[0]:
        result = robust(base, profile, weights, result, sure[1], sure[2])
    if years is None and (profile.budget is None or profile.budget.years is None):
        return result
    from toolbox.engine.roadmap import check_years, make_roadmap

    from toolbox.errors import InputError, Problem
    from toolbox.yamlio import display_path, load_yaml

    problem = check_years(profile, years)
    if problem is not None:
        line = load_yaml(profile_path).line_of(("budget", "years"))
        raise InputError(Problem(display_path(profile_path), line, "budget.years", problem))
    roadmap = make_roadmap(base, profile, result, weights, years)
    short = next((y for y in roadmap.years if y.budget is not None and roadmap.in_place_cost > y.budget + 1e-6), None)
    if short is not None:  # the instruments in place run on: no roadmap can keep such a year within its budget
        from toolbox.render.common import currency_of, money

        k = short.year - roadmap.first_year
        where = ("budget", "years", k) if profile.budget.years is not None else ("budget", "amount")
        field = f"budget.years[{k}]" if profile.budget.years is not None else "budget.amount"
        cur = currency_of(result)
        raise InputError(Problem(display_path(profile_path), load_yaml(profile_path).line_of(where), field, (
            f"the instruments in place that this budget pays for (budget.pays_for_in_place) cost "
            f"{money(roadmap.in_place_cost, cur)} a year, more than the {money(short.budget, cur)} of year "
            f"{k + 1}; raise the budget, or pay them from elsewhere (remove them from pays_for_in_place)")))
    return result._replace(roadmap=roadmap)
