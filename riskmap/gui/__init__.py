"""The PySide6 desktop application over the same pipeline as the CLI."""
