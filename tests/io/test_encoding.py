from __future__ import annotations

from pathlib import Path

import pytest

from riskmap.errors import SettingsError
from riskmap.io.encoding import (
    checked_codec,
    codec_name,
    dbf_encoding,
    detect_from_bytes,
    text_encoding,
)
from riskmap.io.sources import prepare
from tests.io.fixtures import NAMES, points_frame, set_language_id, write_shapefile


@pytest.mark.parametrize(
    ("written", "codec"),
    [("UTF-8", "utf-8"), ("utf8", "utf-8"), ("GBK", "gbk"), ("CP936", "gbk"),
     ("936", "gbk"), ("ANSI 936", "gbk"), ("65001", "utf-8"), ("GB2312", "gbk"),
     ("88591", "iso8859-1"), ("GB18030", "gb18030"), ("nonsense", None)],
)  # fmt: skip
def test_codec_names_as_cpg_files_write_them(written: str, codec: str | None) -> None:
    assert codec_name(written) == codec


def test_unknown_declared_encoding_names_the_key() -> None:
    with pytest.raises(
        SettingsError, match=r"layer 'a': encoding: unknown encoding 'klingon'"
    ):
        checked_codec("klingon", "layer 'a': encoding")


def test_byte_heuristic() -> None:
    assert detect_from_bytes(["渝中区".encode()]).encoding == "utf-8"
    assert detect_from_bytes(["渝中区".encode("gbk")]).encoding == "gbk"
    assert detect_from_bytes([b"plain"]).how == "attribute text is plain ASCII"
    # A value cut at the field width in the middle of a GBK character still counts.
    assert detect_from_bytes(["重庆市渝中区".encode("gbk")[:-1]]).encoding == "gbk"
    odd = detect_from_bytes([b"\xff\xfe\xff"])
    assert odd.encoding == "latin-1" and "neither UTF-8 nor GBK" in odd.warning


def test_text_encoding_boms_and_declared() -> None:
    assert text_encoding(b"\xef\xbb\xbfa,b\n").encoding == "utf-8-sig"
    assert text_encoding("名称\n".encode("gbk")).encoding == "gbk"
    assert text_encoding(b"a\n", "gbk").how == "declared in the project"


def _names(path: Path, **kw: object) -> tuple[list[str], str, list[str]]:
    layer = prepare(path, **kw)
    return list(layer.frame["名称"]), layer.raw.encoding.describe(), layer.warnings


def test_gbk_shapefile_with_cpg(tmp_path: Path) -> None:
    path = write_shapefile(tmp_path, "gbk", points_frame(), encoding="gbk")
    names, how, _ = _names(path)
    assert names == NAMES
    assert how == "gbk (from .cpg: GBK)"


def test_gbk_shapefile_without_cpg_is_detected_not_mojibake(tmp_path: Path) -> None:
    path = write_shapefile(tmp_path, "gbk", points_frame(), encoding="gbk", cpg=False)
    names, how, warnings = _names(path)
    assert names == NAMES
    assert how == "gbk (detected from attribute bytes: valid GBK; no .cpg)"
    assert not path.with_suffix(".cpg").exists()  # nothing written beside the input
    # a guess the user sees, with the way to pin it
    assert [w for w in warnings if "encoding" in w] == [
        "gbk.shp: text encoding not declared, guessed gbk (detected from attribute "
        "bytes: valid GBK; no .cpg); if names look garbled or to pin it, set "
        'encoding = "gbk" for this layer in the project file (its [[layers]] '
        "table, or [districts])"
    ]


def test_only_a_guess_is_told(tmp_path: Path) -> None:
    with_cpg = write_shapefile(tmp_path, "c", points_frame(), encoding="gbk")
    ldid = write_shapefile(tmp_path, "l", points_frame(), encoding="gbk", cpg=False)
    set_language_id(ldid.with_suffix(".dbf"), 0x4D)
    plain = points_frame()[["geometry"]].assign(name=["a", "b", "c"])
    ascii_only = write_shapefile(tmp_path, "a", plain, cpg=False)
    assert dbf_encoding(with_cpg.with_suffix(".dbf")).guess_note() is None
    assert dbf_encoding(ldid.with_suffix(".dbf")).guess_note() is None
    assert dbf_encoding(with_cpg.with_suffix(".dbf"), "gbk").guess_note() is None
    assert dbf_encoding(ascii_only.with_suffix(".dbf")).guess_note() is None
    odd = detect_from_bytes([b"\xff\xfe\xff"])  # latin-1 has its own warning
    assert odd.guessed and odd.guess_note() is None
    assert "guessed utf-8" in text_encoding("名称\n".encode()).guess_note()
    assert text_encoding(b"\xef\xbb\xbf\xe5\x90\x8d\n").guess_note() is None


def test_utf8_shapefile_without_cpg(tmp_path: Path) -> None:
    path = write_shapefile(tmp_path, "u8", points_frame(), cpg=False)
    names, how, _ = _names(path)
    assert names == NAMES
    assert how == "utf-8 (detected from attribute bytes: valid UTF-8; no .cpg)"


def test_dbf_language_id_names_gbk(tmp_path: Path) -> None:
    path = write_shapefile(tmp_path, "ldid", points_frame(), encoding="gbk", cpg=False)
    set_language_id(path.with_suffix(".dbf"), 0x4D)
    names, how, _ = _names(path)
    assert names == NAMES
    assert how == "gbk (from the DBF language id 0x4D)"


def test_ansi_language_id_is_ambiguous_so_bytes_decide(tmp_path: Path) -> None:
    path = write_shapefile(tmp_path, "ansi", points_frame(), encoding="gbk", cpg=False)
    set_language_id(path.with_suffix(".dbf"), 0x57)
    assert _names(path)[1].startswith("gbk (detected from attribute bytes")


def test_cpg_contradicted_by_bytes_gives_way_with_a_warning(tmp_path: Path) -> None:
    path = write_shapefile(tmp_path, "liar", points_frame(), encoding="gbk")
    path.with_suffix(".cpg").write_text("UTF-8")
    names, how, warnings = _names(path)
    assert names == NAMES
    assert how.startswith("gbk (detected from attribute bytes")
    assert any(
        "says its text is utf-8 (from .cpg: UTF-8) but the bytes are gbk" in w
        for w in warnings
    )


def test_western_language_id_holding_gbk_is_read_as_gbk(tmp_path: Path) -> None:
    path = write_shapefile(tmp_path, "w", points_frame(), encoding="gbk", cpg=False)
    set_language_id(path.with_suffix(".dbf"), 0x03)
    names, _, warnings = _names(path)
    assert names == NAMES
    assert any("says its text is cp1252" in w for w in warnings)


def test_project_encoding_overrides(tmp_path: Path) -> None:
    path = write_shapefile(tmp_path, "o", points_frame(), encoding="gbk")
    names, how, _ = _names(path, encoding="gb18030")
    assert names == NAMES
    assert how == "gb18030 (declared in the project)"


def test_wrong_declared_encoding_warns(tmp_path: Path) -> None:
    path = write_shapefile(tmp_path, "o", points_frame(), encoding="gbk")
    choice = dbf_encoding(path.with_suffix(".dbf"), "utf-8")
    assert choice.encoding == "utf-8"
    assert "text values in the sample are not valid utf-8" in choice.warning


def test_chinese_field_names_decode_too(tmp_path: Path) -> None:
    path = write_shapefile(tmp_path, "f", points_frame(), encoding="gbk", cpg=False)
    layer = prepare(path)
    assert {"名称", "高度"} <= set(layer.frame.columns)


def test_utf8_text_behind_a_gbk_language_id_is_read_as_utf8(tmp_path: Path) -> None:
    path = write_shapefile(tmp_path, "u", points_frame(), cpg=False)
    set_language_id(path.with_suffix(".dbf"), 0x4D)
    names, how, warnings = _names(path)
    assert names == NAMES
    assert how.startswith("utf-8 (detected from attribute bytes: valid UTF-8, although")
    assert any("the file says its text is gbk" in w for w in warnings)


def test_big5_label_stands_when_the_text_decodes(tmp_path: Path) -> None:
    frame = points_frame().drop(columns=["名称"]).assign(名稱=["臺北", "高雄", "臺中"])
    path = write_shapefile(tmp_path, "b5", frame, encoding="cp950", cpg=False)
    set_language_id(path.with_suffix(".dbf"), 0x4F)
    layer = prepare(path)
    assert list(layer.frame["名稱"]) == ["臺北", "高雄", "臺中"]
    assert layer.raw.encoding.how == "from the DBF language id 0x4F"
