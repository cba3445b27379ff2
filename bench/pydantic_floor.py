"""The floor's imports, plus one small pydantic model defined and one document validated with it.

This is what any command line pays that checks its input with pydantic, before doing anything of its
own: defining a model imports `pydantic.fields` (with `pydantic.types` and `annotated_types`), and
building the first validator imports pydantic's plugin loader (with `importlib.metadata`). The floor
`import typer, yaml, rich; from pydantic import BaseModel` does neither. bench/run.sh measures it
beside the real command to show that part.
"""

import typer  # noqa: F401  (the floor's imports)
import yaml  # noqa: F401
import rich  # noqa: F401
from pydantic import BaseModel, ConfigDict


class Region(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str
    level: str


class Profile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    region: Region
    budget: float | None = None


Profile.model_validate({"region": {"name": "Arntown", "level": "regional"}, "budget": 2_500_000})
