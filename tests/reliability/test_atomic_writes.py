"""Nothing lost on write: failures injected in the middle of every writer.

For each output (project, GeoTIFF, GeoPackage, CSV, PDF, PNG, SVG, atlas):
a previous file stays byte for byte, nothing partial appears under the final
name, no temporary file is left behind, and the error names the file and
says what happened (disk full, read-only folder).
"""

from __future__ import annotations

import errno
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest

import pyogrio
import rasterio

from riskmap.cli import main
from riskmap.errors import OutputWriteError
from riskmap.io import atomic, outputs
from riskmap.io.project_file import load_project, save_project
from riskmap.pipeline.loading import load_project_data
from riskmap.pipeline.printing import export_atlas, export_map
from riskmap.pipeline.scoring import score_project
from riskmap.render.pdf import PdfDocument
from tests.reliability.builders import case_points, generic, write_base, write_gpkg
from tests.reliability.builders import write_project as write_test_project

OLD = b"the previous version of this file\n"


@pytest.fixture(scope="module")
def scored(tmp_path_factory: pytest.TempPathFactory):
    folder = write_base(tmp_path_factory.mktemp("project"))
    write_gpkg(case_points(), folder / "points.gpkg")
    project = load_project(write_test_project(folder, [generic("points.gpkg")]))
    data = load_project_data(project)
    return project, data, score_project(project, data)


def _enospc(*args: object, **kwargs: object) -> None:
    raise OSError(errno.ENOSPC, "No space left on device")


class _HalfWritten:
    """Writes its file, cuts it in half, then fails as a full disk does."""

    def __init__(self, real: Callable, path_arg: int = 1) -> None:
        self.real, self.path_arg, self.seen = real, path_arg, []

    def __call__(self, *args: object, **kwargs: object) -> None:
        self.real(*args, **kwargs)
        path = Path(args[self.path_arg])  # type: ignore[arg-type]
        self.seen.append(path)
        data = path.read_bytes()
        path.write_bytes(data[: len(data) // 2])
        _enospc()


def _listing(folder: Path) -> list[str]:
    return sorted(os.listdir(folder))


def _previous(folder: Path, name: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(OLD)
    return path


def _assert_nothing_lost(path: Path, before: list[str], err: OutputWriteError) -> None:
    assert path.read_bytes() == OLD  # the previous file, intact
    assert _listing(path.parent) == before  # no partial or temporary file
    assert str(path) in err.message


# ------------------------------------------------------------ each output type


@pytest.mark.parametrize(
    "name", ["risk.tif", "classes.tif", "districts.gpkg", "hotspots.gpkg"]
)
def test_gdal_outputs_fail_mid_write(
    name: str, scored, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, _, result = scored
    target = _previous(tmp_path, name)
    before = _listing(tmp_path)
    if name.endswith(".tif"):
        real_open = rasterio.open

        class Failing:
            """The real dataset; the first band written fills the disk."""

            def __init__(self, dataset) -> None:
                self.dataset = dataset

            def __enter__(self):
                return self

            def __exit__(self, *exc: object) -> None:
                self.dataset.close()

            def write(self, *args: object, **kwargs: object) -> None:
                self.dataset.write(*args, **kwargs)
                assert Path(self.dataset.name).name.startswith(".")  # the temp file
                raise rasterio.errors.RasterioError(
                    "Write failed: No space left on device"
                )

            def __getattr__(self, attr: str):
                return getattr(self.dataset, attr)

        def failing_open(path, mode="r", **kwargs):
            dataset = real_open(path, mode, **kwargs)
            return Failing(dataset) if mode == "w" else dataset

        monkeypatch.setattr(rasterio, "open", failing_open)
        writer = (
            outputs.write_risk_tif if name == "risk.tif" else outputs.write_classes_tif
        )
    else:
        real_write = pyogrio.write_dataframe
        layers: list[str] = []

        def failing_write(frame, path, **kwargs):
            real_write(frame, path, **kwargs)
            layers.append(kwargs.get("layer"))
            if name == "districts.gpkg" or len(layers) == 2:  # hotspots: 2nd layer
                raise pyogrio.errors.DataSourceError("No space left on device")

        monkeypatch.setattr(pyogrio, "write_dataframe", failing_write)
        writer = (
            outputs.write_districts_gpkg
            if name == "districts.gpkg"
            else outputs.write_hotspots_gpkg
        )
    with pytest.raises(OutputWriteError) as err:
        writer(result, target)
    assert err.value.message == f"{target}: the disk is full"
    _assert_nothing_lost(target, before, err.value)


def test_csv_fails_before_it_reaches_the_disk(
    scored, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, _, result = scored
    target = _previous(tmp_path, "districts.csv")
    before = _listing(tmp_path)
    monkeypatch.setattr(atomic.os, "fsync", _enospc)  # after the bytes are written
    with pytest.raises(OutputWriteError) as err:
        outputs.write_districts_csv(result, target)
    assert "the disk is full" in err.value.message
    _assert_nothing_lost(target, before, err.value)


def test_project_save_fails_mid_write(
    scored, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project, _, _ = scored
    target = _previous(tmp_path, "城区 项目.riskmap.toml")
    before = _listing(tmp_path)
    monkeypatch.setattr(atomic.os, "fsync", _enospc)
    with pytest.raises(OutputWriteError) as err:
        save_project(project, target)
    _assert_nothing_lost(target, before, err.value)
    assert project.path != target  # a failed save does not claim the new path


@pytest.mark.parametrize("suffix", [".pdf", ".png", ".svg"])
def test_map_page_fails_mid_write(
    suffix: str, scored, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import riskmap.pipeline.printing as printing

    project, data, result = scored
    target = _previous(tmp_path, f"西城 风险图{suffix}")
    before = _listing(tmp_path)
    half = _HalfWritten(printing.save_figure)
    monkeypatch.setattr(printing, "save_figure", half)
    with pytest.raises(OutputWriteError) as err:
        export_map(project, data, result, "西城", target, dpi=50)
    assert half.seen and half.seen[0].parent == tmp_path  # written beside it
    assert half.seen[0].name != target.name
    _assert_nothing_lost(target, before, err.value)


def test_atlas_fails_on_its_second_page(
    scored, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project, data, result = scored
    target = _previous(tmp_path, "图集.pdf")
    before = _listing(tmp_path)
    real = PdfDocument.add
    calls = []

    def add(self, *args: object, **kwargs: object) -> None:
        calls.append(1)
        if len(calls) == 2:
            _enospc()
        real(self, *args, **kwargs)

    monkeypatch.setattr(PdfDocument, "add", add)
    with pytest.raises(OutputWriteError) as err:  # not a page failure: the file's
        export_atlas(project, data, result, target, dpi=50)
    assert "the disk is full" in err.value.message
    _assert_nothing_lost(target, before, err.value)


# ------------------------------------------------------------ rename, folder


@pytest.mark.parametrize(
    ("code", "says"),
    [
        (errno.ENOSPC, "the disk is full"),
        (errno.EROFS, "the folder is read-only or access is denied"),
        (errno.EXDEV, "cannot write"),
    ],
)
def test_the_rename_fails(
    code: int, says: str, scored, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, _, result = scored
    target = _previous(tmp_path, "risk.tif")
    before = _listing(tmp_path)

    def replace(src: object, dst: object) -> None:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(atomic.os, "replace", replace)
    with pytest.raises(OutputWriteError) as err:
        outputs.write_risk_tif(result, target)
    assert says in err.value.message
    _assert_nothing_lost(target, before, err.value)


@pytest.mark.parametrize(
    "exc",
    [PermissionError(errno.EACCES, "Permission denied"), OSError(errno.EROFS, "ro")],
    ids=["EACCES", "EROFS"],
)
def test_a_read_only_folder(
    exc: OSError, scored, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project, _, _ = scored
    target = _previous(tmp_path, "p.riskmap.toml")
    before = _listing(tmp_path)

    def mkstemp(*args: object, **kwargs: object):
        raise exc

    monkeypatch.setattr(tempfile, "mkstemp", mkstemp)
    with pytest.raises(OutputWriteError) as err:
        save_project(project, target)
    assert err.value.message.endswith("the folder is read-only or access is denied")
    assert err.value.hint == "choose a folder you can write to"
    _assert_nothing_lost(target, before, err.value)


def test_a_real_read_only_folder(scored, tmp_path: Path) -> None:
    """Permission bits stop other users; root writes anyway, so there the
    write must simply succeed and be complete."""
    project, _, _ = scored
    folder = tmp_path / "只读"
    target = _previous(folder, "p.riskmap.toml")
    folder.chmod(0o555)
    try:
        if os.geteuid() == 0:
            save_project(project, target)
            assert load_project(target).title == project.title
        else:
            with pytest.raises(OutputWriteError, match="read-only or access"):
                save_project(project, target)
            assert target.read_bytes() == OLD
        assert _listing(folder) == ["p.riskmap.toml"]
    finally:
        folder.chmod(0o755)


def test_an_interrupt_mid_write_leaves_the_previous_file(
    scored, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, _, result = scored
    target = _previous(tmp_path, "districts.csv")
    before = _listing(tmp_path)

    def interrupt(fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(atomic.os, "fsync", interrupt)
    with pytest.raises(KeyboardInterrupt):
        outputs.write_districts_csv(result, target)
    assert target.read_bytes() == OLD
    assert _listing(tmp_path) == before


# ------------------------------------------------------------ through the CLI


def test_score_on_a_full_disk_is_one_clear_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    folder = write_base(tmp_path / "in")
    project = write_test_project(folder)
    out = tmp_path / "out"
    previous = _previous(out, "risk.tif")
    monkeypatch.setattr(atomic.os, "replace", _enospc)
    assert main(["score", str(project), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert (
        err
        == f"riskmap: error: {previous}: the disk is full (hint: free some space or choose another folder)\n"
    )
    assert previous.read_bytes() == OLD
    assert _listing(out) == ["risk.tif"]


def test_score_interrupted_while_writing_exits_130(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    folder = write_base(tmp_path / "in")
    project = write_test_project(folder)
    out = tmp_path / "out"
    previous = _previous(out, "districts.csv")

    def interrupt(fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(atomic.os, "fsync", interrupt)
    assert main(["score", str(project), "--out", str(out)]) == 130
    assert capsys.readouterr().err.endswith("riskmap: canceled\n")
    assert previous.read_bytes() == OLD
    assert not [n for n in _listing(out) if n.startswith(".")]
