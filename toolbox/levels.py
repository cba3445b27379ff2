"""The four spatial levels of Benner's Table 2, kept free of heavy imports for the command line."""

from typing import Literal

Level = Literal["supranational", "national", "regional", "local"]
LEVELS: tuple[Level, ...] = ("supranational", "national", "regional", "local")
"""Spatial levels from the widest to the narrowest (Benner, Table 2)."""
