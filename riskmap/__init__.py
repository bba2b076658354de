"""riskmap: the city safety risk one-map (城市安全风险"一张图") on a laptop."""

__version__ = "0.1.0"
