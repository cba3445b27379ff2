"""The commands: each reads its options, calls the loader, the engine and a renderer, and writes the result.

These modules do not use `from __future__ import annotations`: Typer reads the parameters of every
command on every run, and annotations kept as strings would be evaluated again each time (about
10 ms a run; tests/commands/test_annotations.py keeps it so).
"""
