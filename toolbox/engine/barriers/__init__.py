"""The three barriers of Benner's model: empirical, policy, cost-benefit."""
