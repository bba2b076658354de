"""Keeps the loaded layers, the scoring result and the map document in step
with the project.

Every change to the project is looked at once the user pauses: a change in
how a layer is read (file, encoding, CRS, kind, field mapping) reloads that
layer; a change in weights, parameters or classification rescores; a change
in look (visibility, opacity, style) only redraws and never comes here.
Loading and scoring run in :class:`~riskmap.gui.workers.TaskRunner` workers
on a snapshot of the project; their results are committed on the GUI thread.
"""

from __future__ import annotations

import copy
import dataclasses
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from riskmap.core.feedback import SubFeedback
from riskmap.core.layers import LoadedLayer, ProjectData, RasterLayer
from riskmap.core.project import LayerSpec, Project
from riskmap.errors import SettingsError
from riskmap.gui.project_qt import ProjectSession
from riskmap.gui.workers import TaskRunner

#: Layer properties that change what is read from the file.
LOAD_PROPS = frozenset({"path", "layer", "encoding", "source_crs", "kind", "fields"})
#: Layer properties that change only the scores.
SCORE_PROPS = frozenset({"weight", "params", "name"})
#: Project settings that change the working CRS or the district layer.
RELOAD_SETTINGS = frozenset({"crs", "districts"})
#: Project settings that change the scores.
SCORE_SETTINGS = frozenset(
    {"weights", "method", "take_highest", "exposure", "thresholds", "cell_size",
     "extent"}
)  # fmt: skip
#: Changes the hazard surfaces of the last result still serve: the composite
#: and the classes are recombined from them (``pipeline.scoring.recombine``)
#: instead of running the hazard models again.
RECOMBINE = frozenset({"weight", "weights", "method", "take_highest", "thresholds"})
#: Project settings that change only what is drawn.
DRAW_SETTINGS = frozenset({"hatch", "title", "date", "sample"})

DELAY_MS = 250  # wait for the user to pause before reloading or rescoring


def snapshot(project: Project) -> Project:
    """A deep copy of ``project`` without its event listeners.

    Workers read the snapshot, so the user may keep editing the project
    while a layer loads or the map is scored.
    """
    values = {
        f.name: copy.deepcopy(getattr(project, f.name))
        for f in dataclasses.fields(project)
        if f.name != "events"
    }
    return Project(**values)


def load_signature(spec: LayerSpec) -> tuple:
    """What decides how a layer is read: equal signatures read equal data."""
    return (
        str(spec.path), spec.layer, spec.encoding, spec.source_crs, spec.kind,
        tuple(sorted(spec.fields.items())),
    )  # fmt: skip


class Analysis(QObject):
    """Loads, scores and builds the map document for the session's project."""

    stateChanged = Signal(str)  # "idle" | "loading" | "scoring" | "ready" | "failed"
    warningsFound = Signal(str, list)  # what was loaded, the warnings
    failed = Signal(object, str)  # exception, traceback

    def __init__(
        self,
        session: ProjectSession,
        runner: TaskRunner,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.runner = runner
        self.state = "idle"
        self._loaded: dict[str, tuple] = {}  # layer id -> signature loaded
        self._shelf: dict[tuple, LoadedLayer | RasterLayer] = {}  # for redo
        self._full = True
        self._rescore = True  # False while only weights/classes changed
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DELAY_MS)
        self._timer.timeout.connect(self.sync)
        session.projectReplaced.connect(self._on_replaced)
        session.layersChanged.connect(self._on_layers_changed)
        session.layerChanged.connect(self._on_layer_changed)
        session.settingsChanged.connect(self._on_settings_changed)

    # ----------------------------------------------------------- triggers

    def _on_replaced(self) -> None:
        self.runner.cancel("load")
        self.runner.cancel("score")
        self._loaded.clear()
        self._shelf.clear()
        self._full = True
        self._rescore = True
        self._set_state("idle")

    def _on_layers_changed(self) -> None:
        self._rescore = True
        self._timer.start()

    def _on_layer_changed(self, layer_id: str, name: str) -> None:
        if name in LOAD_PROPS or name in SCORE_PROPS:
            self._rescore |= name not in RECOMBINE
            self._timer.start()

    def _on_settings_changed(self, name: str) -> None:
        if name in RELOAD_SETTINGS:
            self._full = True
        if name in RELOAD_SETTINGS or name in SCORE_SETTINGS:
            self._rescore |= name not in RECOMBINE
            self._timer.start()

    def reload(self) -> None:
        """Read every layer again from disk, then score (F5)."""
        self._full = True
        self._timer.stop()
        self.sync()

    def cancel(self) -> None:
        """Stop loading or scoring at the user's request (Cancel, Esc)."""
        self._timer.stop()
        self.runner.cancel("load")
        self.runner.cancel("score")
        self._rescore = True
        if self.state in ("loading", "scoring"):
            self._set_state("idle")

    def _set_state(self, state: str) -> None:
        self.state = state
        self.stateChanged.emit(state)

    def busy(self) -> bool:
        return self.state in ("loading", "scoring") or self._timer.isActive()

    # ------------------------------------------------------------- loading

    def sync(self) -> None:
        """Bring data, result and document up to date with the project now."""
        self._timer.stop()
        project = self.session.project
        if project.districts is None:
            self.runner.cancel("load")
            self.runner.cancel("score")
            self.session.set_data(None)
            self.session.set_result(None)
            self.session.set_document(None)
            self._set_state("idle")
            return
        if self._full or self.session.data is None:
            self._load_all(snapshot(project))
            return
        wanted = {spec.id: load_signature(spec) for spec in project.layers}
        specs = []
        for spec in project.layers:
            if self._loaded.get(spec.id) == wanted[spec.id]:
                continue
            kept = self._shelf.get((spec.id, wanted[spec.id]))
            if kept is None:
                specs.append(copy.deepcopy(spec))
        if specs:
            self._load_some(specs)
        else:
            self._commit_layers()

    def _load_all(self, project: Project) -> None:
        from riskmap.pipeline.loading import load_project_data

        def work(feedback: Any) -> ProjectData:
            import riskmap.hazards  # noqa: F401  (registers the hazard kinds)

            return load_project_data(project, feedback)

        def done(data: ProjectData) -> None:
            self._full = False
            self._rescore = True
            self._loaded = {s.id: load_signature(s) for s in project.layers}
            self._shelf.clear()
            self.session.set_data(data)
            if data.warnings:
                self.warningsFound.emit(project.display_title(), list(data.warnings))
            self.sync()  # the project may have changed while loading

        self.runner.cancel("score")
        self._set_state("loading")
        self.runner.start("load", work, done, self._on_error, self._on_canceled)

    def _load_some(self, specs: list[LayerSpec]) -> None:
        from riskmap.pipeline.loading import load_layer

        crs = self.session.data.crs

        def work(feedback: Any) -> dict[str, LoadedLayer | RasterLayer]:
            import riskmap.hazards  # noqa: F401

            out = {}
            n = len(specs)
            for i, spec in enumerate(specs):
                feedback.set_status(spec.title)
                sub = SubFeedback(feedback, 100 * i / n, 100 * (i + 1) / n)
                out[spec.id] = load_layer(spec, crs, sub)
            return out

        def done(layers: dict[str, LoadedLayer | RasterLayer]) -> None:
            self._rescore = True
            for spec in specs:
                self._shelf[(spec.id, load_signature(spec))] = layers[spec.id]
            for spec in specs:
                if layers[spec.id].warnings:
                    self.warningsFound.emit(spec.title, list(layers[spec.id].warnings))
            self._commit_layers()
            self.sync()

        self.runner.cancel("score")
        self._set_state("loading")
        self.runner.start("load", work, done, self._on_error, self._on_canceled)

    def add_loaded(self, spec: LayerSpec, layer: LoadedLayer | RasterLayer) -> None:
        """Offer a layer loaded elsewhere (the Add Layer dialog) for ``spec``."""
        self._shelf[(spec.id, load_signature(spec))] = layer

    def _commit_layers(self) -> None:
        """New ProjectData with the project's layers, in order, from the shelf."""
        old: ProjectData = self.session.data
        project = self.session.project
        current = {**{k: v for k, v in old.vectors.items()}, **old.rasters}
        for layer_id, sig in self._loaded.items():
            self._shelf.setdefault((layer_id, sig), current[layer_id])
        data = ProjectData(crs=old.crs, districts=old.districts)
        data.warnings = list(old.districts.warnings)
        loaded = {}
        for spec in project.layers:
            sig = load_signature(spec)
            layer = self._shelf.get((spec.id, sig))
            if layer is None:
                continue
            loaded[spec.id] = sig
            if isinstance(layer, RasterLayer):
                data.rasters[spec.id] = layer
            else:
                data.vectors[spec.id] = layer
            data.warnings += layer.warnings
        changed = loaded != self._loaded or set(current) != set(loaded)
        self._loaded = loaded
        if changed:
            self.session.set_data(data)
        self._score()

    # ------------------------------------------------------------- scoring

    def _score(self) -> None:
        project = snapshot(self.session.project)
        data = self.session.data
        if not project.hazard_layers():  # nothing to score: draw the layers
            self.runner.cancel("score")
            self.session.set_result(None)
            self.session.set_document(None)
            self._set_state("ready")
            return
        try:
            from riskmap.pipeline.print_document import build_document
            from riskmap.pipeline.scoring import recombine, score_project
        except ImportError:  # scoring not installed: show the layers only
            self._set_state("ready")
            return
        base = None if self._rescore else self.session.result
        self._rescore = False

        def work(feedback: Any) -> tuple[Any, Any]:
            import riskmap.hazards  # noqa: F401

            result = None
            if base is not None:
                try:  # only weights or classes changed: reuse the surfaces
                    result = recombine(base, project, SubFeedback(feedback, 0, 90))
                except SettingsError:
                    result = None
            if result is None:
                result = score_project(project, data, SubFeedback(feedback, 0, 90))
            feedback.set_status("map")
            document = build_document(project, data, result)
            feedback.set_progress(100)
            return result, document

        def done(out: tuple[Any, Any]) -> None:
            result, document = out
            self.session.set_result(result)
            self.session.set_document(document)
            told = [*result.warnings, *getattr(document, "warnings", [])]
            if told:
                self.warningsFound.emit(project.display_title(), told)
            self._set_state("ready")

        self._set_state("scoring")
        self.runner.start("score", work, done, self._on_error, self._on_canceled)

    # -------------------------------------------------------------- endings

    def _on_error(self, exc: BaseException, tb: str) -> None:
        self._rescore = True
        self._set_state("failed")
        self.failed.emit(exc, tb)

    def _on_canceled(self) -> None:
        self._rescore = True
        if not self.runner.running():
            self._set_state("idle")
