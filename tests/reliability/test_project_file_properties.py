"""Properties of the project-file reader and writer, for any input (hypothesis).

The reader must never fail with anything but ProjectFileError, whatever the
text or bytes; a written project must read back equal.
"""

from __future__ import annotations

import math
from pathlib import Path

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from riskmap.core.project import (
    CLASSIFICATION_METHODS,
    COMPOSITE_METHODS,
    ORIENTATIONS,
    PAPERS,
    ClassificationSettings,
    CompositeSettings,
    DistrictSpec,
    LayerSpec,
    PrintSettings,
    Project,
)
from riskmap.errors import ProjectFileError
from riskmap.io.project_file import (
    _toml_str,
    dump_project,
    load_project,
    parse_project,
    save_project,
)

FAST = settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
BASE = Path("/data/城区 项目")
_SAME = ("title", "crs", "cell_size", "extent", "date", "sample", "attribution",
         "districts", "layers", "composite", "classification", "print")  # fmt: skip

# ------------------------------------------------------------ arbitrary input


@FAST
@given(st.text())
def test_any_text_is_a_project_or_a_project_file_error(text: str) -> None:
    try:
        parse_project(text, BASE, "p.riskmap.toml")
    except ProjectFileError as exc:
        assert exc.message.startswith("p.riskmap.toml")
        assert "\n" not in exc.message


@FAST
@given(st.binary(max_size=2000))
def test_any_bytes_are_a_project_or_a_project_file_error(
    tmp_path_factory, data: bytes
) -> None:
    path = tmp_path_factory.mktemp("bytes") / "p.riskmap.toml"
    path.write_bytes(data)
    try:
        load_project(path)
    except ProjectFileError as exc:
        assert str(path) in exc.message


# TOML documents shaped like projects, with values of every type in every
# place, so that the schema checks (not only the TOML parser) are exercised.
_scalars = st.one_of(
    st.text(max_size=20),
    st.integers(-(2**63), 2**63 - 1),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
)
_values = st.one_of(_scalars, st.lists(_scalars, max_size=4))
_keys = st.one_of(
    st.sampled_from(
        [
            "title",
            "crs",
            "cell_size",
            "extent",
            "path",
            "id",
            "kind",
            "weight",
            "fields",
            "params",
            "method",
            "thresholds",
            "take_highest",
            "exposure",
            "name_field",
            "dpi",
            "paper",
            "layer",
            "source_crs",
            "encoding",
            "opacity",
        ]
    ),
    st.text(min_size=1, max_size=10),
)
_tables = st.sampled_from(
    ["project", "districts", "composite", "classification", "print", "layers",
     "layers", "layers.fields", "layers.params", "layers.params", "layers.style"]
)  # fmt: skip


_tables_known = {"project", "districts", "composite", "classification", "print",
                 "layers", "layers.fields", "layers.params", "layers.style"}  # fmt: skip


def _toml(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return repr(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return _toml_str(value)
    if isinstance(value, dict):  # an inline table
        inner = ", ".join(f"{_toml_str(k)} = {_toml(v)}" for k, v in value.items())
        return "{" + inner + "}"
    return "[" + ", ".join(_toml(v) for v in value) + "]"  # type: ignore[attr-defined]


@st.composite
def project_like(draw: st.DrawFn) -> str:
    # mostly the right version, so that most documents reach the schema checks
    version = 1 if draw(st.integers(0, 9)) < 8 else draw(st.none() | _scalars)
    lines = [] if version is None else [f"schema_version = {_toml(version)}"]
    tables = draw(st.lists(_tables, max_size=6))
    if draw(st.integers(0, 9)) == 0:
        tables.append(draw(st.text(min_size=1, max_size=8)))  # an unknown table
    seen: set[str] = set()
    for table in tables:
        if table in seen and table != "layers":
            continue  # TOML forbids a table twice; that is the parser's test
        if table == "layers":  # a new layer may have its own sub-tables
            seen -= {"layers.fields", "layers.params", "layers.style"}
        seen.add(table)
        if table.startswith("layers.") and "layers" not in seen:
            continue
        header = table if table in _tables_known else _toml_str(table)
        lines.append("[[layers]]" if table == "layers" else f"[{header}]")
        entries = draw(st.dictionaries(_keys, _values, max_size=5))
        if table == "layers" and draw(st.integers(0, 3)):  # a layer that can pass
            entries = {"id": f"l{len(lines)}", "kind": "generic", "path": "x.gpkg"}
        if table.startswith("layers.") and draw(st.booleans()):  # nested values
            entries = draw(
                st.dictionaries(_keys, st.lists(st.lists(_scalars, max_size=2)))
            )
        lines += [f"{_toml_str(k)} = {_toml(v)}" for k, v in entries.items()]
    return "\n".join(lines) + "\n"


@FAST
@given(project_like())
def test_any_project_shaped_toml_is_a_project_or_a_project_file_error(
    text: str,
) -> None:
    try:
        project = parse_project(text, BASE, "p.riskmap.toml")
    except ProjectFileError as exc:
        assert exc.message.startswith("p.riskmap.toml")
        return
    # what was accepted can be saved and read back
    again = parse_project(dump_project(project, BASE), BASE)
    for attr in _SAME:
        assert getattr(again, attr) == getattr(project, attr), attr


_nested = st.recursive(
    _scalars,
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(st.text(max_size=5), inner, max_size=2)
    ),
    max_leaves=6,
)
_LAYER = 'schema_version = 1\n[[layers]]\nid = "a"\nkind = "generic"\npath = "a.gpkg"\n'


@FAST
@given(
    st.sampled_from(["fields", "params", "style"]),
    st.dictionaries(st.text(max_size=8), _nested, max_size=4),
)
def test_what_the_reader_accepts_the_writer_can_write(table: str, entries) -> None:
    body = "".join(f"{_toml_str(k)} = {_toml(v)}\n" for k, v in entries.items())
    try:
        project = parse_project(f"{_LAYER}[layers.{table}]\n{body}", BASE, "p")
    except ProjectFileError:
        return
    again = parse_project(dump_project(project, BASE), BASE)
    assert again.layers == project.layers


# ------------------------------------------------------------ round trip

_text = st.text(max_size=30)
_name_part = st.text(
    st.characters(blacklist_characters="/\\\x00", blacklist_categories=("Cs",)),
    min_size=1,
    max_size=12,
).filter(lambda s: s not in (".", "..") and not s.startswith("~"))
_relative = st.builds(
    lambda up, parts: Path(*([".."] * up), *parts),
    st.integers(0, 2),
    st.lists(_name_part, min_size=1, max_size=3),
)
_simple = st.one_of(
    _text,
    st.integers(-(2**63), 2**63 - 1),
    st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(),
)
_table = st.dictionaries(
    _text, st.one_of(_simple, st.lists(_simple, max_size=3)), max_size=4
)
_unit = st.floats(0, 1, allow_nan=False)


@st.composite
def projects(draw: st.DrawFn) -> Project:
    layers = draw(
        st.lists(
            st.builds(
                LayerSpec,
                id=st.text(min_size=1, max_size=10),
                kind=st.sampled_from(["landslide", "generic", "base", "自定义"]),
                path=_relative.map(lambda p: BASE / p),
                layer=st.none() | _text,
                name=_text,
                source_crs=st.none() | st.sampled_from(["EPSG:4545", "GCJ-02"]),
                encoding=st.none() | st.sampled_from(["gbk", "utf-8"]),
                weight=st.floats(0, 1e6, allow_nan=False),
                fields=st.dictionaries(_text, _text, max_size=3),
                params=_table,
                style=_table,
                visible=st.booleans(),
                opacity=_unit,
            ),
            max_size=4,
            unique_by=lambda spec: spec.id,
        )
    )
    hazards = [spec.weight for spec in layers if spec.kind != "base"]
    assume(not hazards or sum(hazards) > 0)
    x0, y0 = draw(st.floats(-1e6, 1e6)), draw(st.floats(-1e6, 1e7))
    lows = sorted(draw(st.lists(st.floats(0.001, 0.999), min_size=3, max_size=3)))
    assume(lows[0] < lows[1] < lows[2])
    return Project(
        title=draw(_text),
        crs=draw(st.none() | st.sampled_from(["EPSG:4545", "EPSG:32648"])),
        cell_size=draw(st.floats(1, 5000)),
        extent=draw(
            st.none()
            | st.tuples(st.floats(1, 1e5), st.floats(1, 1e5)).map(
                lambda d: (x0, y0, x0 + d[0], y0 + d[1])
            )
        ),
        date=draw(_text),
        sample=draw(st.booleans()),
        attribution=draw(_text),
        districts=draw(
            st.none()
            | st.builds(
                DistrictSpec,
                path=_relative.map(lambda p: BASE / p),
                layer=st.none() | _text,
                name_field=st.none() | _text,
                source_crs=st.none() | st.just("BD-09"),
                encoding=st.none() | st.just("gb18030"),
            )
        ),
        layers=layers,
        composite=CompositeSettings(
            method=draw(st.sampled_from(COMPOSITE_METHODS)),
            take_highest=draw(st.booleans()),
            exposure=draw(
                st.none() | st.sampled_from([s.id for s in layers] or [None])
            ),
        ),
        classification=ClassificationSettings(
            method=draw(st.sampled_from(CLASSIFICATION_METHODS)),
            thresholds=tuple(lows),  # type: ignore[arg-type]
        ),
        print=PrintSettings(
            paper=draw(st.sampled_from(PAPERS)),
            orientation=draw(st.sampled_from(ORIENTATIONS)),
            dpi=draw(st.integers(50, 1200)),
            organisation=draw(_text),
            review_number=draw(_text),
            internal=draw(st.booleans()),
            hatch=draw(st.booleans()),
        ),
    )


@FAST
@given(projects())
def test_dump_then_parse_gives_the_same_project(project: Project) -> None:
    again = parse_project(dump_project(project, BASE), BASE)
    for attr in _SAME:
        assert getattr(again, attr) == getattr(project, attr), attr


@settings(max_examples=25, deadline=None)
@given(projects())
def test_save_then_load_gives_the_same_project(tmp_path_factory, project) -> None:
    folder = tmp_path_factory.mktemp("saved") / "城区 项目"
    folder.mkdir()
    # paths were made under BASE; move them under the real folder
    text = dump_project(project, BASE)
    again = parse_project(text, folder)
    path = save_project(again, folder / "项目")
    loaded = load_project(path)
    assert path.name == "项目.riskmap.toml"
    for attr in _SAME:
        assert getattr(loaded, attr) == getattr(again, attr), attr
