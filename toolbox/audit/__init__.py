"""The multicausality audit and the comparison of regions: pure functions returning result dataclasses.

`graphs` and `multicausality` need networkx; `cover` and `compare` do not. Nothing here prints or reads
files; the commands load the inputs and hand the results to a renderer.
"""
