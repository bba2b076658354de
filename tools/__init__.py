"""Developer tools that are not part of the riskmap package (not installed)."""
