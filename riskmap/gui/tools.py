"""Map tools: what a left click or drag on the canvas does.

Pan drags the map; Zoom In zooms to a dragged box (a click zooms in around
the point); Zoom Out zooms out around a click; Identify and Select report a
point or a box to whoever listens. The wheel zooms and the middle button
pans whatever tool is active.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QCursor, QMouseEvent

if TYPE_CHECKING:
    from riskmap.gui.canvas import MapCanvas

CLICK_PIXELS = 4  # a drag shorter than this is a click
PICK_PIXELS = 5  # how near a click must be to a feature to pick it


class MapTool(QObject):
    name = ""

    def __init__(self, canvas: MapCanvas) -> None:
        super().__init__(canvas)
        self.canvas = canvas
        self._start: QPointF | None = None

    def cursor(self) -> QCursor:
        return QCursor(Qt.CursorShape.ArrowCursor)

    def press(self, event: QMouseEvent) -> None:
        self._start = event.position()

    def move(self, event: QMouseEvent) -> None:
        pass

    def release(self, event: QMouseEvent) -> None:
        self._start = None

    def cancel(self) -> None:
        self._start = None
        self.canvas.rubber_band = None
        self.canvas.update()

    def deactivate(self) -> None:
        self.cancel()

    def _is_click(self, event: QMouseEvent) -> bool:
        if self._start is None:
            return True
        d = event.position() - self._start
        return abs(d.x()) < CLICK_PIXELS and abs(d.y()) < CLICK_PIXELS


class PanTool(MapTool):
    name = "pan"

    def __init__(self, canvas: MapCanvas) -> None:
        super().__init__(canvas)
        self._last: QPointF | None = None

    def cursor(self) -> QCursor:
        return QCursor(Qt.CursorShape.OpenHandCursor)

    def press(self, event: QMouseEvent) -> None:
        super().press(event)
        self._last = event.position()
        self.canvas.setCursor(Qt.CursorShape.ClosedHandCursor)

    def move(self, event: QMouseEvent) -> None:
        if self._last is None:
            return
        d = event.position() - self._last
        self._last = event.position()
        # While dragging, the last image is moved; the map is drawn on release.
        self.canvas.pan_pixels(d.x(), d.y(), settle=False)

    def release(self, event: QMouseEvent) -> None:
        if self._last is not None:
            d = event.position() - self._last
            self.canvas.pan_pixels(d.x(), d.y(), settle=True)
        self._last = None
        super().release(event)
        self.canvas.setCursor(self.cursor())

    def cancel(self) -> None:
        self._last = None
        super().cancel()


class _BoxTool(MapTool):
    """A tool that tracks a dragged rectangle."""

    def cursor(self) -> QCursor:
        return QCursor(Qt.CursorShape.CrossCursor)

    def move(self, event: QMouseEvent) -> None:
        if self._start is not None and not self._is_click(event):
            self.canvas.rubber_band = QRectF(self._start, event.position()).normalized()
            self.canvas.update()

    def _box(self, event: QMouseEvent) -> tuple[float, float, float, float]:
        assert self._start is not None
        x0, y0 = self.canvas.to_map(self._start)
        x1, y1 = self.canvas.to_map(event.position())
        return min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)

    def release(self, event: QMouseEvent) -> None:
        if self._start is not None:
            if self._is_click(event):
                self.clicked(event)
            else:
                self.boxed(event, self._box(event))
        self.canvas.rubber_band = None
        self.canvas.update()
        super().release(event)

    def clicked(self, event: QMouseEvent) -> None:
        pass

    def boxed(self, event: QMouseEvent, box: tuple[float, float, float, float]) -> None:
        pass


class ZoomInTool(_BoxTool):
    name = "zoom_in"

    def clicked(self, event: QMouseEvent) -> None:
        self.canvas.zoom_by(2.0, event.position())

    def boxed(self, event: QMouseEvent, box: tuple[float, float, float, float]) -> None:
        self.canvas.set_view(box)


class ZoomOutTool(_BoxTool):
    name = "zoom_out"

    def clicked(self, event: QMouseEvent) -> None:
        self.canvas.zoom_by(0.5, event.position())

    def boxed(self, event: QMouseEvent, box: tuple[float, float, float, float]) -> None:
        # The current view shrinks into the box: zoom out by the box's ratio.
        w = self.canvas.rubber_band.width() if self.canvas.rubber_band else 1
        factor = max(w, 1.0) / max(self.canvas.width(), 1)
        x, y = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
        self.canvas.set_centre(x, y, record=False)
        self.canvas.zoom_by(factor)


class PickTool(_BoxTool):
    """Reports a clicked point (with a pick radius) or a dragged box."""

    picked = Signal(float, float, float, object)  # x, y, radius, modifiers
    boxPicked = Signal(object, object)  # (xmin, ymin, xmax, ymax), modifiers

    def __init__(self, canvas: MapCanvas, name: str) -> None:
        super().__init__(canvas)
        self.name = name

    def cursor(self) -> QCursor:
        if self.name == "identify":
            return QCursor(Qt.CursorShape.WhatsThisCursor)
        return QCursor(Qt.CursorShape.PointingHandCursor)

    def clicked(self, event: QMouseEvent) -> None:
        x, y = self.canvas.to_map(event.position())
        radius = PICK_PIXELS * self.canvas.resolution()
        self.picked.emit(x, y, radius, event.modifiers())

    def boxed(self, event: QMouseEvent, box: tuple[float, float, float, float]) -> None:
        self.boxPicked.emit(box, event.modifiers())
