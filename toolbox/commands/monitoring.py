"""`toolbox monitoring`: the strategy's monitoring plan as a CSV template to fill in."""

from pathlib import Path
from typing import Annotated

import typer

from toolbox.commands.common import ForceOption, KbOption, OutputOption, WeightsOption, load_and_plan
from toolbox.output import STDOUT, check_target
from toolbox.render.registry import emit_result


def monitoring(
    profile: Annotated[Path, typer.Argument(help="Region profile (YAML); `toolbox init` writes a template.")],
    output: OutputOption = None,
    force: ForceOption = False,
    kb: KbOption = None,
    weights: WeightsOption = None,
) -> None:
    """Write the monitoring plan of the recommended strategy as a CSV template.

    One row per indicator of each recommended instrument, on CLUSNET's three levels (cluster: actors
    mapped; interaction: bridges in place; collaboration: participants, meetings, joint projects), with
    empty baseline, target, year and data-source columns to fill in. The indicators are editorial
    assessments held in the knowledge base (`toolbox kb show INSTRUMENT`). A plan that recommends
    nothing gives the header only.

    Example: toolbox monitoring examples/greater_arntown_widgets.yaml -o monitoring.csv
    """
    if output not in (None, STDOUT):
        check_target(Path(output), force)
    _, _, result = load_and_plan(profile, kb, weights)
    emit_result("monitoring", "csv", result, output, force)
