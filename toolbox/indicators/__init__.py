"""Observed mechanisms from regional indicators (step 2 from data): the shipped indicator file, its
statistics, and the tool's rule that grades a normalised value none / weak / medium / strong."""
