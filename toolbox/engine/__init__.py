"""The four-step engine: pure functions from knowledge base, profile and weights to a Plan.

Nothing here prints or reads files; each step returns a value the next one reads and a report can show.
"""

from toolbox.engine.plan import make_plan
from toolbox.engine.weights import Weights

__all__ = ["make_plan", "Weights"]
