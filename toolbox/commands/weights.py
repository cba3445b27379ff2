"""`toolbox weights`: the score model's weights as a commented YAML file, to read or to change."""

from toolbox.commands.common import ForceOption, OutputOption, WeightsOption, weights_for
from toolbox.output import emit


def weights(output: OutputOption = None, force: ForceOption = False, weights: WeightsOption = None) -> None:
    """Print the weights of the score model as commented YAML: each weight's value, meaning and why.

    Save it, change what you need and pass it to plan, explain, report, compare or audit with
    --weights FILE; a weight the file leaves out keeps its default. Given --weights FILE, prints
    the weights that file gives (checked, merged with the defaults).

    Example: toolbox weights -o my_weights.yaml
    """
    from toolbox.weights_file import weights_yaml

    chosen, source = weights_for(weights)
    emit(weights_yaml(chosen, source), output, force)
