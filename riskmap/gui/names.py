"""Names the user reads for things the core names in code: hazard kinds,
layer properties, risk levels, undo steps, composite methods."""

from __future__ import annotations

from riskmap.core.commands import (
    AddLayer,
    Batch,
    Command,
    MoveLayer,
    RemoveLayer,
    SetLayerProperty,
    SetSetting,
    SetWeights,
)
from riskmap.core.hazard import get_model, known_kinds
from riskmap.core.levels import Level
from riskmap.core.project import BASE_KIND, Project
from riskmap.errors import SettingsError
from riskmap.gui.i18n import CHINESE, current_language, pick, tr


def kind_label(kind: str) -> str:
    """A hazard kind as the user reads it ("危化品运输路线", "Base layer")."""
    if kind == BASE_KIND:
        return tr("Base layer (not scored)")
    try:
        model = get_model(kind)
    except SettingsError:
        return kind
    return pick(getattr(model, "label", {}), kind)


def kinds() -> list[tuple[str, str]]:
    """(kind, label) of every registered hazard kind, then the base kind."""
    return [(k, kind_label(k)) for k in known_kinds()] + [
        (BASE_KIND, kind_label(BASE_KIND))
    ]


def property_label(name: str) -> str:
    labels = {
        "visible": tr("visibility"),
        "opacity": tr("opacity"),
        "style": tr("style"),
        "kind": tr("hazard kind"),
        "weight": tr("weight"),
        "fields": tr("field mapping"),
        "encoding": tr("encoding"),
        "source_crs": tr("coordinate system"),
        "name": tr("name"),
        "params": tr("parameters"),
    }
    return labels.get(name, name)


def setting_label(name: str) -> str:
    """A project setting as the Edit menu names it ("aggregation method")."""
    labels = {
        "method": tr("method"),
        "take_highest": tr("take the highest level (就高)"),
        "thresholds": tr("class thresholds"),
        "cell_size": tr("cell size"),
        "title": tr("title"),
        "paper": tr("paper"),
        "orientation": tr("orientation"),
        "dpi": tr("print resolution"),
        "organisation": tr("organisation (编制单位)"),
        "review_number": tr("map review number (审图号)"),
        "internal": tr("internal-use mark"),
        "hatch": tr("grey-scale hatching"),
    }
    return labels.get(name, name)


def level_label(level: Level) -> str:
    if current_language() == CHINESE:
        return f"{level.name_zh}（{level.colour_zh}）"
    return {
        "blue": tr("Low (blue)"),
        "yellow": tr("Moderate (yellow)"),
        "orange": tr("High (orange)"),
        "red": tr("Major (red)"),
    }[level.key]


def method_label(method: str) -> str:
    return {
        "union": tr("probabilistic union"),
        "weighted_sum": tr("weighted sum"),
        "geometric": tr("weighted geometric mean"),
        "max": tr("maximum"),
    }.get(method, method)


def _layer_title(project: Project, layer_id: str) -> str:
    try:
        return project.layer(layer_id).title
    except KeyError:
        return layer_id


def describe(command: Command | None, project: Project) -> str:
    """What an undo step did, for the Edit menu ("Change weight of 危化品")."""
    if command is None:
        return ""
    if isinstance(command, SetLayerProperty):
        return tr("Change {what} of {layer}").format(
            what=property_label(command.name),
            layer=_layer_title(project, command.layer_id),
        )
    if isinstance(command, AddLayer):
        return tr("Add layer {layer}").format(layer=command.spec.title)
    if isinstance(command, RemoveLayer):
        title = command._spec.title if command._spec else command.layer_id
        return tr("Remove layer {layer}").format(layer=title)
    if isinstance(command, MoveLayer):
        return tr("Move layer {layer}").format(
            layer=_layer_title(project, command.layer_id)
        )
    if isinstance(command, SetWeights):
        return tr("Change weights")
    if isinstance(command, SetSetting):
        if command.name == "districts":
            return tr("Set district boundaries")
        return tr("Change setting {name}").format(name=setting_label(command.name))
    if isinstance(command, Batch):
        return command.text or describe(command.commands[0], project)
    return command.text
