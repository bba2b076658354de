"""Errors a user can cause, each with a message naming the culprit and a hint.

The CLI prints ``str(error)`` on one line and exits 2; the GUI shows the message
and the hint. Anything that is not a ``RiskmapError`` is an internal error.
"""

from __future__ import annotations


class RiskmapError(Exception):
    """A problem the user can fix: ``message`` names it, ``hint`` says how."""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        if self.hint:
            return f"{self.message} (hint: {self.hint})"
        return self.message


class LayerReadError(RiskmapError):
    """A layer file cannot be opened or read."""


class MissingCRSError(RiskmapError):
    """A layer has no coordinate reference system and none can be assumed."""


class CRSMismatchError(RiskmapError):
    """Layers cannot be brought into one coordinate reference system."""


class FieldMappingError(RiskmapError):
    """A hazard model input cannot be found or mapped to an attribute."""


class GeometryTypeError(RiskmapError):
    """A layer's geometries do not suit its hazard kind."""


class ProjectFileError(RiskmapError):
    """A project file is missing, malformed or has invalid settings."""


class SettingsError(RiskmapError):
    """A setting (weight, threshold, parameter) has an invalid value."""


class GridTooLargeError(RiskmapError):
    """The analysis grid would need more memory than is available."""


class OutputWriteError(RiskmapError):
    """An output file cannot be written (disk full, read-only folder...)."""


class FontMissingError(RiskmapError):
    """The bundled CJK font is missing, so Chinese text cannot be printed."""


class Canceled(RiskmapError):
    """The user canceled a running task."""

    def __init__(self, message: str = "Canceled by the user", hint: str = "") -> None:
        super().__init__(message, hint)
