"""The map canvas: the project's map, drawn off the GUI thread.

The view is a centre and a resolution (map units per logical pixel), so a
resized window keeps its scale. Images come from :mod:`riskmap.gui.map_render`
in a one-thread worker; until a new one arrives the last image is shown moved
and scaled to the current view, so panning and wheel zooming respond at once
and drawing never blocks input. A newer request drops an older one.
"""

from __future__ import annotations

import math
import time
from typing import Any

import numpy as np

from PySide6.QtCore import QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QImage, QMouseEvent, QPainter, QPen, QWheelEvent
from PySide6.QtWidgets import QWidget

from riskmap.gui import display
from riskmap.gui.labels import label_font, label_points, paint_labels
from riskmap.gui.map_render import BACKGROUND, RenderedImage, RenderJob, render
from riskmap.gui.project_qt import ProjectSession
from riskmap.gui.tools import MapTool, PanTool
from riskmap.gui.workers import TaskRunner
from riskmap.logs import get_logger

View = tuple[float, float, float, float]
INCH_M = 0.0254
WHEEL_STEP = 1.25  # zoom factor of one wheel notch
SETTLE_MS = 120  # wait this long after a wheel burst before drawing
MAX_HISTORY = 50
DRAWN_PROPS = frozenset({"visible", "opacity", "style"})


class MapCanvas(QWidget):
    viewChanged = Signal()
    cursorMoved = Signal(float, float)  # map coordinates
    cursorLeft = Signal()
    rendered = Signal(float)  # seconds from request to image
    failed = Signal(str)  # the map could not be drawn: why
    toolChanged = Signal(str)

    def __init__(self, session: ProjectSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mapCanvas")
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMinimumSize(200, 150)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.session = session
        self.options = display.DisplayOptions()
        self.arrays = display.GeometryArrays()
        self._centre: tuple[float, float] | None = None
        self._res = 1.0  # map units per logical pixel
        self._history: list[View] = []
        self._history_at = -1
        self._image: RenderedImage | None = None
        self._document: Any = None
        self._overlays: tuple = ()
        self._extra_overlays: dict[str, tuple] = {}
        self._labels: list[tuple[str, float, float]] = []
        self._label_font = label_font()
        self._caches = self._new_caches()
        self.render_times: list[float] = []
        self.tool: MapTool = PanTool(self)
        self._middle_pan: PanTool | None = None
        self.rubber_band: QRectF | None = None
        self._renderer = TaskRunner(self, threads=1)  # one drawing cache, one thread
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._start_render)
        session.documentChanged.connect(self._on_document)
        session.dataChanged.connect(self._on_data)
        session.layersChanged.connect(self.refresh)
        session.layerChanged.connect(self._on_layer_changed)
        session.settingsChanged.connect(self._on_setting)
        session.selectionChanged.connect(lambda *_: self._update_overlays())
        session.identified.connect(self._update_overlays)
        session.projectReplaced.connect(self._on_replaced)

    @staticmethod
    def _new_caches() -> tuple[Any, Any]:
        from riskmap.render.map_figure import LayerArtistCache

        return LayerArtistCache(), LayerArtistCache()

    # ---------------------------------------------------------- session

    def _on_replaced(self) -> None:
        self._renderer.cancel("render")
        self._extra_overlays.clear()
        self._centre = None
        self._history.clear()
        self._history_at = -1
        self._image = None
        self._document = None
        self._caches = self._new_caches()
        self.arrays = display.GeometryArrays()
        self.update()

    def _on_data(self) -> None:
        # Layers still loaded keep their prepared drawing data (adding one
        # layer to a city of 100k buildings must not prepare them again).
        if self.arrays.forget_except(self.session.data):
            self._caches = self._new_caches()
        if self._centre is None and self.session.data is not None:
            self.zoom_full(record=True)
        self.refresh()

    def _on_document(self) -> None:
        self.refresh()

    def _on_layer_changed(self, _layer_id: str, name: str) -> None:
        # Other changes (kind, weight, fields...) bring new data or a new
        # document through the analysis; redrawing now would show nothing new.
        if name in DRAWN_PROPS:
            self.refresh()

    def _on_setting(self, name: str) -> None:
        if name in ("hatch", "title"):
            self.refresh()

    def refresh(self) -> None:
        """Rebuild what is drawn from the project and draw it (F5 also reloads)."""
        s = self.session
        self._document = display.display_document(
            s.project, s.data, s.document, self.arrays, self.options
        )
        self._update_overlays(draw=False)
        self.request_render()

    def _update_overlays(self, draw: bool = True) -> None:
        s = self.session
        selection = {lid: s.selection(lid) for lid in s.selected_layers()}
        highlight = s.identify.highlight() if s.identify is not None else []
        self._overlays = display.overlay_layers(
            s.data, self.arrays, selection, highlight
        )
        for layers in self._extra_overlays.values():
            self._overlays += tuple(layers)
        self._caches = (self._caches[0], self._new_caches()[1])
        if draw:
            self.request_render()

    def set_overlay(self, name: str, layers: tuple = ()) -> None:
        """Draw ``layers`` (render.model.VectorLayer) over the map under
        ``name`` until replaced; an empty tuple removes them. Tools such as
        the sensitivity analysis mark places this way."""
        if layers:
            self._extra_overlays[name] = tuple(layers)
        elif self._extra_overlays.pop(name, None) is None:
            return
        self._update_overlays()

    def overlay(self, name: str) -> tuple:
        return self._extra_overlays.get(name, ())

    # --------------------------------------------------------------- view

    def has_view(self) -> bool:
        return self._centre is not None

    def resolution(self) -> float:
        return self._res

    def view(self) -> View:
        """(xmin, ymin, xmax, ymax) of what the widget shows now."""
        if self._centre is None:
            return (0.0, 0.0, float(self.width()), float(self.height()))
        cx, cy = self._centre
        hw, hh = self.width() * self._res / 2, self.height() * self._res / 2
        return (cx - hw, cy - hh, cx + hw, cy + hh)

    def set_view(self, bounds: View, record: bool = True, margin: float = 0.0) -> None:
        """Show ``bounds`` whole, centred (widened to the window's shape)."""
        xmin, ymin, xmax, ymax = bounds
        if not all(map(math.isfinite, bounds)):
            return
        w, h = max(xmax - xmin, 1e-6), max(ymax - ymin, 1e-6)
        w, h = w * (1 + 2 * margin), h * (1 + 2 * margin)
        self._res = max(w / max(self.width(), 1), h / max(self.height(), 1))
        self._centre = ((xmin + xmax) / 2, (ymin + ymax) / 2)
        self._view_changed(record)

    def set_centre(self, x: float, y: float, record: bool = True) -> None:
        self._centre = (x, y)
        self._view_changed(record)

    def zoom_by(self, factor: float, anchor: QPointF | None = None) -> None:
        """Zoom in (factor > 1) or out, keeping ``anchor`` (pixels) in place."""
        if self._centre is None:
            return
        if anchor is None:
            anchor = QPointF(self.width() / 2, self.height() / 2)
        ax, ay = self.to_map(anchor)
        self._res /= factor
        cx = ax - (anchor.x() - self.width() / 2) * self._res
        cy = ay + (anchor.y() - self.height() / 2) * self._res
        self._centre = (cx, cy)
        self._view_changed(record=True, delay=SETTLE_MS)

    def pan_pixels(self, dx: float, dy: float, settle: bool = True) -> None:
        if self._centre is None:
            return
        cx, cy = self._centre
        self._centre = (cx - dx * self._res, cy + dy * self._res)
        self._view_changed(record=settle, render=settle)

    def scale(self) -> float:
        """The map scale denominator: 1 : scale() on this screen."""
        return self._res * self.logicalDpiX() / INCH_M

    def set_scale(self, denominator: float) -> None:
        if denominator > 0 and self._centre is not None:
            self._res = denominator * INCH_M / self.logicalDpiX()
            self._view_changed(record=True)

    def to_map(self, point: QPointF) -> tuple[float, float]:
        xmin, _, _, ymax = self.view()
        return xmin + point.x() * self._res, ymax - point.y() * self._res

    def to_pixel(self, x: float, y: float) -> QPointF:
        xmin, _, _, ymax = self.view()
        return QPointF((x - xmin) / self._res, (ymax - y) / self._res)

    def _view_changed(self, record: bool, render: bool = True, delay: int = 0) -> None:
        if record:
            self._record(self.view())
        self.viewChanged.emit()
        self.update()
        if render:
            self.request_render(delay)

    # ------------------------------------------------------------ extents

    def full_extent(self) -> View | None:
        data = self.session.data
        if data is None:
            return None
        bounds = data.districts.frame.total_bounds
        return tuple(float(v) for v in bounds)  # type: ignore[return-value]

    def zoom_full(self, record: bool = True) -> None:
        bounds = self.full_extent()
        if bounds is not None:
            self.set_view(bounds, record, margin=0.03)

    def zoom_to(self, bounds: View) -> None:
        """Show ``bounds``; a point or a tiny feature is shown at 1:2,000."""
        xmin, ymin, xmax, ymax = bounds
        if not all(map(math.isfinite, bounds)):
            return
        least = 2000 * INCH_M / self.logicalDpiX() * min(self.width(), self.height())
        if max(xmax - xmin, ymax - ymin) < least:
            cx, cy = (xmin + xmax) / 2, (ymin + ymax) / 2
            bounds = (cx - least / 2, cy - least / 2, cx + least / 2, cy + least / 2)
        self.set_view(bounds, margin=0.05)

    def _record(self, view: View) -> None:
        if self._history_at >= 0 and np.allclose(
            self._history[self._history_at], view, rtol=0, atol=self._res * 0.5
        ):
            return
        del self._history[self._history_at + 1 :]
        self._history.append(view)
        del self._history[:-MAX_HISTORY]
        self._history_at = len(self._history) - 1

    def can_go_back(self) -> bool:
        return self._history_at > 0

    def can_go_forward(self) -> bool:
        return self._history_at < len(self._history) - 1

    def previous_extent(self) -> None:
        if self.can_go_back():
            self._history_at -= 1
            self.set_view(self._history[self._history_at], record=False)

    def next_extent(self) -> None:
        if self.can_go_forward():
            self._history_at += 1
            self.set_view(self._history[self._history_at], record=False)

    # ------------------------------------------------------------ drawing

    def request_render(self, delay: int = 0) -> None:
        self._timer.start(max(0, delay))

    def idle(self) -> bool:
        """True when the image on screen is the latest one asked for."""
        return not self._timer.isActive() and not self._renderer.running()

    def _start_render(self) -> None:
        if self._document is None or self._centre is None:
            self._renderer.cancel("render")
            self._image = None
            self._labels = []
            self.update()
            return
        self._labels = (
            label_points(self._document.districts, self.view())
            if self.options.labels
            else []
        )
        self.update()
        dpr = self.devicePixelRatioF()
        width = max(1, round(self.width() * dpr))
        height = max(1, round(self.height() * dpr))
        job = RenderJob(
            document=self._document,
            view=self.view(),
            width=width,
            height=height,
            dpi=self.logicalDpiX() * dpr,
            cache=self._caches[0],
            overlay_cache=self._caches[1],
            overlays=self._overlays,
            started=time.perf_counter(),
            base=self._image,
        )
        self._renderer.start(
            "render", lambda fb: render(job, fb), self._on_rendered, self._on_failed
        )

    def _on_rendered(self, out: RenderedImage) -> None:
        out.image.setDevicePixelRatio(self.devicePixelRatioF())
        self._image = out
        self.render_times.append(out.seconds)
        del self.render_times[:-200]
        self.update()
        self.rendered.emit(out.seconds)

    def _on_failed(self, exc: BaseException, tb: str) -> None:
        get_logger("gui").error("map drawing failed: %s", tb)
        self.failed.emit(str(exc))

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        if self._centre is None and self.session.data is not None:
            self.zoom_full(record=True)
        self.viewChanged.emit()
        self.request_render(SETTLE_MS)

    def paintEvent(self, event: Any) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(BACKGROUND))
        if self._image is not None and self._centre is not None:
            xmin, ymin, xmax, ymax = self._image.view
            left, top = self.to_pixel(xmin, ymax).toTuple()
            right, bottom = self.to_pixel(xmax, ymin).toTuple()
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
            painter.drawImage(QRectF(left, top, right - left, bottom - top),
                              self._image.image)  # fmt: skip
            paint_labels(painter, self._labels, self.to_pixel, self.logicalDpiY(),
                         self._label_font)  # fmt: skip
        if self.rubber_band is not None:
            pen = QPen(QColor("#1565C0"), 1.2, Qt.PenStyle.DashLine)
            painter.setPen(pen)
            painter.setBrush(QColor(21, 101, 192, 40))
            painter.drawRect(self.rubber_band)
        painter.end()

    def grab_image(self) -> QImage:
        """The map as on screen (for tests and screenshots)."""
        return self.grab().toImage()

    # ---------------------------------------------------------- map tools

    def set_tool(self, tool: MapTool) -> None:
        self.tool.deactivate()
        self.tool = tool
        self.setCursor(tool.cursor())
        self.toolChanged.emit(tool.name)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.MiddleButton:
            self._middle_pan = PanTool(self)
            self._middle_pan.press(event)
        elif event.button() == Qt.MouseButton.LeftButton:
            self.tool.press(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._centre is not None:
            self.cursorMoved.emit(*self.to_map(event.position()))
        if self._middle_pan is not None:
            self._middle_pan.move(event)
        else:
            self.tool.move(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.MiddleButton and self._middle_pan:
            self._middle_pan.release(event)
            self._middle_pan = None
        elif event.button() == Qt.MouseButton.LeftButton:
            self.tool.release(event)

    def wheelEvent(self, event: QWheelEvent) -> None:
        notches = event.angleDelta().y() / 120
        if notches:
            self.zoom_by(WHEEL_STEP**notches, event.position())

    def leaveEvent(self, event: Any) -> None:
        self.cursorLeft.emit()
        super().leaveEvent(event)

    def keyPressEvent(self, event: Any) -> None:
        step = 0.25 * min(self.width(), self.height())
        moves = {
            Qt.Key.Key_Left: (step, 0), Qt.Key.Key_Right: (-step, 0),
            Qt.Key.Key_Up: (0, step), Qt.Key.Key_Down: (0, -step),
        }  # fmt: skip
        if event.key() in moves:
            self.pan_pixels(*moves[event.key()])
        elif event.key() in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom_by(2.0)
        elif event.key() == Qt.Key.Key_Minus:
            self.zoom_by(0.5)
        elif event.key() == Qt.Key.Key_Escape:
            self.tool.cancel()
        else:
            super().keyPressEvent(event)
