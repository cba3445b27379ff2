"""The region profile: what a policy officer knows about a region and its cluster."""
