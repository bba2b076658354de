"""Headless core: project document, grid, scoring, classification, statistics."""
