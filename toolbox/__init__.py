"""toolbox: decision support for regional cluster policy, after Benner's cluster-policy toolbox."""

__version__ = "0.1.0"
