"""Every bad or odd input the suite feeds riskmap, with its exact outcome.

README.md's section "What riskmap does with bad data" lists the same cases.
"""

from __future__ import annotations

from tests.io.fixtures import truncate
from tests.reliability.blocks import (
    CUSTOM_TM,
    LOCAL_WKT,
    Case,
    as_file,
    as_layer,
    bowtie_districts,
    chinese_paths,
    city_sized_districts,
    csv,
    edited,
    far_away,
    gdb_damage_magic,
    gdb_drop_table,
    gdb_truncate,
    gdb_zero_table,
    good,
    local_crs_frame,
    mixed_geometries,
    outputs_written,
    outside_layer,
    project_file,
    remote_district,
    remote_district_is_low,
    shp,
    swapped_shapefile,
    tif,
    two_layers,
    vector,
    with_districts,
    with_values,
    zero_bytes,
)
from tests.reliability.builders import (
    case_boxes,
    case_points,
    damage_magic,
    districts_frame,
    slides_layer,
)

LAYER = "layer 'case'"
NOT_RECOGNISED = (
    "cannot be opened: not a recognised vector format, or the file is damaged"
)
EMPTY = "cannot be opened: the file is empty (0 bytes)"


def _side(suffix: str, action):  # a shapefile sidecar changed
    return lambda p: action(p.with_suffix(suffix))


def _cut(fraction: float):
    return lambda p: truncate(p, fraction)


def _boxes_4326():
    return case_boxes(200, crs=4326)


def _big_boxes():
    return case_boxes(2000)


# fmt: off
DAMAGED_FILES = [
    # ---------------------------------------------------------- Shapefile
    Case("shp-truncated", as_layer(shp(_cut(0.6))), 0,
         (f"{LAYER} (c.shp): 4 of 5 records could not be read and were skipped",
          "the .shp file is truncated")),
    Case("shp-missing-shx", as_layer(shp(_side(".shx", lambda p: p.unlink()))), 0,
         (f"{LAYER} (c.shp): the .shx index is missing; it was rebuilt in a "
          "temporary copy (the original is unchanged)",)),
    Case("shp-missing-shx-inspect", as_file(shp(_side(".shx", lambda p: p.unlink()))),
         0, ("c.shp: the .shx index is missing; it was rebuilt",), "inspect"),
    Case("shp-truncated-shx", as_layer(shp(_side(".shx", _cut(0.5)))), 0,
         (f"{LAYER} (c.shp): the .shx index is damaged; it was rebuilt",)),
    Case("shp-zero-byte-shx", as_layer(shp(_side(".shx", zero_bytes))), 0,
         (f"{LAYER} (c.shp): the .shx index is damaged; it was rebuilt",)),
    Case("shp-missing-dbf", as_layer(shp(_side(".dbf", lambda p: p.unlink()))), 0,
         (f"{LAYER} (c.shp): no .dbf beside the .shp: the layer has geometries "
          "but no attributes",)),
    Case("shp-zero-byte-dbf", as_layer(shp(_side(".dbf", zero_bytes))), 0,
         (f"{LAYER} (c.shp): the .dbf file is empty or not a dBASE table",)),
    Case("shp-truncated-dbf", as_layer(shp(_side(".dbf", _cut(0.5)))), 0,
         (f"{LAYER} (c.shp): 3 of 5 records could not be read and were skipped",)),
    Case("shp-missing-prj-projected",
         as_layer(shp(_side(".prj", lambda p: p.unlink()))), 2,
         (f"{LAYER} (c.shp): has no coordinate reference system (no .prj)",
          'source_crs', '"EPSG:4545"')),
    Case("shp-missing-prj-lonlat",
         as_layer(shp(_side(".prj", lambda p: p.unlink()),
                      lambda: case_points(crs=4326))), 0,
         (f"{LAYER} (c.shp): no CRS in the file; every coordinate is a plausible "
          "lon/lat, so EPSG:4326 (WGS 84) is assumed",)),
    Case("shp-unreadable-prj",
         as_layer(shp(_side(".prj", lambda p: p.write_text("GEOGCS[garbage")))), 2,
         (f"{LAYER} (c.shp): has no coordinate reference system (the .prj file "
          "cannot be read)",)),
    Case("shp-unreadable-prj-inspect",
         as_file(shp(_side(".prj", lambda p: p.write_text("GEOGCS[garbage")))), 0,
         ("c.shp: the .prj file is not a coordinate reference system (PROJ cannot "
          "read it); it was ignored",), "inspect"),
    Case("shp-wrong-magic", as_layer(shp(lambda p: damage_magic(p, 4))), 2,
         (f"{LAYER} (c.shp): {NOT_RECOGNISED}",)),
    Case("shp-zero-bytes", as_layer(shp(zero_bytes)), 2, (f"{LAYER} (c.shp): {EMPTY}",)),
    # ---------------------------------------------------------- GeoPackage
    Case("gpkg-truncated", as_layer(vector("c.gpkg", _big_boxes, _cut(0.5))), 2,
         (f"{LAYER} (c.gpkg): cannot be opened: the file is damaged",)),
    Case("gpkg-truncated-inspect", as_file(vector("c.gpkg", _big_boxes, _cut(0.5))),
         2, ("c.gpkg: cannot be opened: the file is damaged",), "inspect"),
    Case("gpkg-wrong-magic", as_layer(vector("c.gpkg", case_boxes, damage_magic)), 2,
         (f"{LAYER} (c.gpkg): {NOT_RECOGNISED}",)),
    Case("gpkg-zero-bytes", as_layer(vector("c.gpkg", case_boxes, zero_bytes)), 2,
         (f"{LAYER} (c.gpkg): {EMPTY}",)),
    Case("gpkg-two-layers-none-named", as_layer(two_layers), 2,
         (f"{LAYER} (c.gpkg): holds 2 layers; riskmap does not guess which",
          "layers: a, b")),
    Case("gpkg-named-layer-absent", as_layer(two_layers, extra={"layer": '"roads"'}), 2,
         (f"{LAYER} (c.gpkg): has no layer 'roads'", "a, b")),
    # ---------------------------------------------------------- GeoJSON, KML
    Case("geojson-truncated",
         as_layer(vector("c.geojson", _boxes_4326, _cut(0.5))), 2,
         (f"{LAYER} (c.geojson): cannot be opened",)),
    Case("geojson-wrong-magic",
         as_layer(vector("c.geojson", _boxes_4326, lambda p: damage_magic(p, 8))), 2,
         (f"{LAYER} (c.geojson): {NOT_RECOGNISED}",)),
    Case("geojson-zero-bytes", as_layer(vector("c.geojson", _boxes_4326, zero_bytes)),
         2, (f"{LAYER} (c.geojson): {EMPTY}",)),
    Case("kml-truncated",
         as_layer(vector("c.kml", _boxes_4326, _cut(0.5), driver="KML")), 2,
         (f"{LAYER} (c.kml): cannot be opened: not valid KML (no element found",)),
    Case("kml-wrong-magic",
         as_layer(vector("c.kml", _boxes_4326, lambda p: damage_magic(p, 8), "KML")),
         2, (f"{LAYER} (c.kml): cannot be opened: not valid KML",)),
    Case("kml-zero-bytes", as_layer(vector("c.kml", _boxes_4326, zero_bytes, "KML")),
         2, (f"{LAYER} (c.kml): {EMPTY}",)),
    # ---------------------------------------------------------- FileGDB
    Case("filegdb-truncated-table",
         as_layer(vector("c.gdb", lambda: case_boxes(500), gdb_truncate,
                         "OpenFileGDB")), 0,
         (f"{LAYER} (c.gdb): ", "of 500 records could not be read and were skipped",
          "the file ends early"), check=outputs_written),
    Case("filegdb-zero-byte-table",
         as_layer(vector("c.gdb", case_boxes, gdb_zero_table, "OpenFileGDB")), 2,
         (f"{LAYER} (c.gdb): cannot be opened: the file is damaged (GDAL cannot "
          "read its contents)",)),
    Case("filegdb-wrong-magic",
         as_layer(vector("c.gdb", case_boxes, gdb_damage_magic, "OpenFileGDB")), 2,
         (f"{LAYER} (c.gdb): cannot be opened: Version ", "is not supported")),
    Case("filegdb-missing-table",
         as_layer(vector("c.gdb", case_boxes, gdb_drop_table, "OpenFileGDB")), 2,
         (f"{LAYER} (c.gdb): {NOT_RECOGNISED}",)),
    # ---------------------------------------------------------- CSV
    Case("csv-zero-bytes", as_layer(csv(b"")), 2, (f"{LAYER} (c.csv): {EMPTY}",)),
    Case("csv-no-coordinate-columns", as_layer(csv("名称,高度\n甲,1\n")), 2,
         (f"{LAYER} (c.csv): no coordinate columns found (columns: 名称, 高度)",
          "经度/纬度")),
    Case("csv-binary-garbage", as_layer(csv(bytes(range(256)) * 10)), 2,
         (f"{LAYER} (c.csv): no coordinate columns found", "\\x00\\x01")),
    Case("csv-row-cut-mid-number",
         as_layer(csv("lon,lat,value\n108.0005,29.5487,1\n108.0015,29.5488,2\n108.0")),
         0, (f"{LAYER} (c.csv): dropped 1 features with NaN or infinite "
             "coordinates (e.g. feature 2)",)),
    # ---------------------------------------------------------- GeoTIFF
    Case("tif-truncated", as_layer(tif(_cut(0.5), size=500)), 2,
         (f"{LAYER} (r.tif): the raster data cannot be read",
          "the file is probably truncated")),
    Case("tif-wrong-magic", as_layer(tif(lambda p: damage_magic(p, 4))), 2,
         (f"{LAYER} (r.tif): cannot be opened: not a recognised raster format",)),
    Case("tif-wrong-magic-inspect", as_file(tif(lambda p: damage_magic(p, 4))), 2,
         ("r.tif: cannot be opened: not a recognised raster format",), "inspect"),
    Case("tif-zero-bytes", as_layer(tif(zero_bytes)), 2,
         (f"{LAYER} (r.tif): cannot be opened",)),
    Case("tif-without-crs", as_layer(tif(crs=None)), 2,
         (f"{LAYER} (r.tif): the raster has no coordinate reference system",
          "source_crs")),
    Case("tif-custom-wkt-crs", as_layer(tif(crs=CUSTOM_TM)), 0,
         ("layer 'case': values normalised min-max",), check=outputs_written),
    Case("tif-local-engineering-crs", as_layer(tif(crs=LOCAL_WKT)), 2,
         (f"{LAYER} (r.tif): its CRS 'site grid' cannot be transformed",)),
    Case("tif-local-engineering-crs-inspect", as_file(tif(crs=LOCAL_WKT)), 0,
         ("r.tif: its CRS 'site grid' cannot be transformed to longitude/latitude",),
         "inspect"),
]

ODD_LAYERS = [
    Case("layer-with-no-features",
         as_layer(vector("c.gpkg", lambda: case_boxes().iloc[:0])), 0,
         (f"{LAYER} (c.gpkg): the layer has no features",
          f"{LAYER} has no features: H = 0 everywhere")),
    Case("districts-with-no-features",
         with_districts(lambda: districts_frame().iloc[:0]), 2,
         ("districts (districts.gpkg): has no district polygons",)),
    Case("points-for-a-polygon-kind",
         as_layer(vector("c.gpkg", case_points), "landslide"), 2,
         (f"{LAYER} (c.gpkg): holds point geometries, but this kind takes polygon",)),
    Case("mixed-geometries-some-of-the-wrong-type",
         as_layer(vector("c.gpkg", mixed_geometries), "landslide"), 0,
         (f"{LAYER} (c.gpkg): dropped 2 features of a geometry type this kind "
          "does not take (e.g. feature 0, 1)",)),
    Case("districts-are-points",
         with_districts(lambda: case_points().rename(columns={"名称": "区县"})), 2,
         ("districts (districts.gpkg): holds point geometries",
          "the district layer must hold the district boundaries")),
    Case("raster-for-a-polygon-kind", as_layer(tif(), "landslide"), 2,
         ("layer 'case' is a raster but kind 'landslide' needs polygon",)),
    Case("lat-lon-swapped-csv",
         as_layer(csv("lon,lat,value\n29.5487,108.0005,1\n29.5488,108.0015,2\n")), 2,
         (f"{LAYER} (c.csv): longitude and latitude seem swapped",
          "'lon' is read as x")),
    Case("lat-lon-swapped-shapefile",
         as_layer(shp(frame=swapped_shapefile)), 2,
         (f"{LAYER} (c.shp): longitude and latitude seem swapped",)),
    Case("coordinates-out-of-range",
         as_layer(csv("lon,lat,value\n508.0,29.5,1\n108.0,29.5,2\n")), 2,
         (f"{LAYER} (c.csv): 1 features have coordinates outside longitude "
          "-180..180 / latitude -90..90 (first: feature 0)",)),
    Case("nan-and-inf-coordinates",
         as_layer(csv("lon,lat,value\n108.0005,29.5487,1\nnan,29.5,2\n"
                      "inf,29.5,3\n108.0015,29.5488,4\n")), 0,
         (f"{LAYER} (c.csv): dropped 2 features with NaN or infinite coordinates "
          "(e.g. feature 1, 2)",)),
    Case("absurd-values-near-float-limits",
         as_layer(vector("c.gpkg", with_values([1e308, -1e308, 0.0, 1.0, 2.0]))), 0,
         ("layer 'case': values normalised min-max over the city "
          "(-1e+308 -> 0, 1e+308 -> 1)",), check=outputs_written),
    Case("absurd-building-heights",
         as_layer(vector("c.gpkg", with_values([-5, 1e308, float("nan"), 0, 99999],
                                               "height_m")), "highrise_fire"), 0,
         ("layer 'case': 4 heights not usable as 'height_m' (treated as missing)",)),
    Case("text-in-a-number-field",
         as_layer(vector("c.gpkg", with_values(["abc", "1", "", "inf", "2"]))), 0,
         ("layer 'case': 3 values not usable as 'value' (treated as missing)",)),
    Case("one-megabyte-attribute-text",
         as_layer(vector("c.gpkg", with_values(["危" * (1 << 20)] + ["x"] * 4,
                                               "名称"))), 0,
         ("layer 'case': values normalised min-max over the city (1 -> 0, 5 -> 1)",),
         check=outputs_written),
    Case("one-megabyte-district-name",
         with_districts(lambda: districts_frame(("区" * (1 << 20), "东城"))), 0,
         check=outputs_written),
    Case("duplicate-district-names",
         with_districts(lambda: districts_frame(("西城", "西城", "东城"))), 0,
         ("districts (districts.gpkg): district names used more than once, kept "
          "apart with a number: 西城",)),
    Case("districts-without-names",
         with_districts(lambda: districts_frame((None, ""))), 0,  # type: ignore[arg-type]
         ("districts (districts.gpkg): 2 districts have no name; named district 1, "
          "district 2",)),
    Case("self-crossing-district-outline", with_districts(bowtie_districts), 0,
         ("districts (districts.gpkg): repaired 1 invalid geometries with "
          "make_valid (e.g. feature 0)",)),
    Case("district-that-no-hazard-reaches", with_districts(remote_district), 0,
         check=remote_district_is_low),
    Case("missing-required-attribute",
         as_layer(vector("c.gpkg", case_boxes), "landslide"), 2,
         (f"{LAYER} (c.gpkg): required input 'susceptibility' not found",
          "[layers.fields] susceptibility")),
    Case("field-mapped-to-absent-attribute",
         as_layer(vector("c.gpkg", case_boxes), fields={"value": "强度"}), 2,
         (f"{LAYER} (c.gpkg): attribute '强度' (mapped to input 'value') is not in "
          "the layer", "attributes are: value, 名称")),
    Case("unknown-encoding",
         as_layer(vector("c.gpkg", case_boxes), extra={"encoding": '"klingon"'}), 2,
         (f"{LAYER} (c.gpkg): encoding: unknown encoding 'klingon'",)),
]

IRRECONCILABLE_CRS = [
    Case("layer-2000-km-away", as_layer(vector("c.gpkg", far_away)), 0,
         (f"{LAYER} (c.gpkg): lies about 1,9", "km from the districts, so it cannot "
          "affect them; if it should overlap them, check its CRS")),
    Case("local-engineering-crs-in-file", as_layer(vector("c.gpkg", local_crs_frame)),
         2, (f"{LAYER} (c.gpkg): its CRS 'site grid' cannot be transformed",
             "reproject the layer")),
    Case("local-engineering-crs-declared",
         as_layer(vector("c.gpkg", case_boxes),
                  extra={"source_crs": f"'{LOCAL_WKT}'"}), 2,
         (f"{LAYER} (c.gpkg): its CRS 'site grid' cannot be transformed",)),
    Case("wkt-proj-cannot-parse",
         as_layer(vector("c.gpkg", case_boxes),
                  extra={"source_crs": '"PROJCS[nonsense"'}), 2,
         (f"{LAYER} (c.gpkg): source_crs: 'PROJCS[nonsense' is not a coordinate "
          "reference system riskmap knows",)),
    Case("geographic-working-crs",
         project_file(edited('crs = "EPSG:4545"', 'crs = "EPSG:4326"')), 2,
         ("[project] crs: the working CRS must be projected in metres, not "
          "'EPSG:4326'",)),
    Case("unknown-working-crs",
         project_file(edited('crs = "EPSG:4545"', 'crs = "EPSG:999999"')), 2,
         ("[project] crs: 'EPSG:999999' is not a coordinate reference system",)),
]

PROJECT_FILES = [
    Case("wrong-type-cell-size",
         project_file(edited("cell_size = 20", 'cell_size = "fifty"')), 2,
         ("p.riskmap.toml, line 6: 'cell_size' in [project] must be a number",)),
    Case("wrong-type-weight", project_file(edited("weight = 0.4", 'weight = "high"')),
         2, ("p.riskmap.toml, line 16: 'weight' in [layers] must be a number",)),
    Case("nan-weight", project_file(edited("weight = 0.4", "weight = nan")), 2,
         ("p.riskmap.toml, line 16: 'weight' in [layers] must be a number",)),
    Case("wrong-type-layers", project_file(lambda: "schema_version = 1\nlayers = 5\n"),
         2, ("p.riskmap.toml, line 2: 'layers' must be written as [[layers]] tables",)),
    Case("wrong-type-districts",
         project_file(lambda: "schema_version = 1\ndistricts = 'd.gpkg'\n"), 2,
         ("p.riskmap.toml: [districts] must be a table",)),
    Case("unknown-key",
         project_file(edited("cell_size = 20", "cell_size = 20\ncolour = 'red'")), 2,
         ("p.riskmap.toml, line 7: unknown key 'colour' in [project]",
          "known keys: title, crs, cell_size")),
    Case("unknown-table", project_file(lambda: good() + "\n[extras]\na = 1\n"), 2,
         ("p.riskmap.toml, line 18: unknown top-level key or table 'extras'",)),
    Case("unknown-hazard-kind",
         project_file(edited('kind = "landslide"', 'kind = "meteor"')), 2,
         ("layer 'slide': unknown hazard kind 'meteor'", "known kinds: generic")),
    Case("duplicate-layer-id",
         project_file(lambda: good() + "\n" + slides_layer().toml() + "\n"), 2,
         ("p.riskmap.toml, line 19: layer id 'slide' is used twice",)),
    Case("all-weights-zero", project_file(edited("weight = 0.4", "weight = 0")), 2,
         ("p.riskmap.toml, line 16: all hazard weights are zero",)),
    Case("thresholds-that-fall",
         project_file(lambda: good() + "\n[classification]\nthresholds = [0.9, 0.5, 0.1]\n"),
         2, ("p.riskmap.toml, line 19: 'thresholds' in [classification] must rise",)),
    Case("name-field-absent",
         project_file(edited('name_field = "区县"', 'name_field = "NAME"')), 2,
         ("districts (districts.gpkg): name_field 'NAME' is not an attribute",
          "attributes are: 区县")),
    Case("cell-size-out-of-range",
         project_file(edited("cell_size = 20", "cell_size = 1e9")), 2,
         ("p.riskmap.toml, line 6: 'cell_size' in [project] must be between 1 and 5000",)),
    Case("missing-layer-file",
         project_file(edited('path = "slides.gpkg"', 'path = "无此/slides.gpkg"')), 2,
         ("layer 'slide' (slides.gpkg): file not found: ", "/in/无此/slides.gpkg")),
    Case("relative-path-outside-that-exists", outside_layer(True), 0,
         check=outputs_written),
    Case("relative-path-outside-that-is-missing", outside_layer(False), 2,
         (f"{LAYER} (危化 路线.gpkg): file not found: ", "/in/shared/危化 路线.gpkg",
          "relative to the project file")),
    Case("non-utf8-project-file", project_file(good, "gbk"), 2,
         ("p.riskmap.toml: not UTF-8 text (byte 39)", "save the project file as UTF-8")),
    Case("utf16-project-file", project_file(good, "utf-16"), 2,
         ("p.riskmap.toml: not UTF-8 text (byte 0)",)),
    Case("not-toml", project_file(lambda: "this is not toml = = ["), 2,
         ("p.riskmap.toml: not a valid TOML file (", "line 1")),
    Case("zero-byte-project-file", project_file(lambda: ""), 2,
         ("p.riskmap.toml: missing schema_version",)),
    Case("pickle-instead-of-toml",
         project_file(lambda: b"\x80\x04\x95\x0b\x00\x00\x00\x00\x00\x00\x00\x8c\x05posix\x94."),
         2, ("p.riskmap.toml: not UTF-8 text",)),
    Case("python-expression-as-value",
         project_file(lambda: "schema_version = __import__('os').getpid()\n"), 2,
         ("p.riskmap.toml: not a valid TOML file (Invalid value",)),
    Case("arrays-nested-5000-deep",
         project_file(lambda: "schema_version = 1\na = " + "[" * 5000 + "]" * 5000),
         2, ("p.riskmap.toml: not a project file (arrays or tables nested too deeply)",)),
    Case("newer-schema-version",
         project_file(edited("schema_version = 1", "schema_version = 99")), 2,
         ("p.riskmap.toml, line 1: schema_version 99 is newer than this riskmap",)),
    Case("project-file-missing", lambda folder: folder / "无.riskmap.toml", 2,
         ("无.riskmap.toml: project file not found",)),
    Case("project-path-is-a-folder", lambda folder: folder, 2,
         (": is a folder, not a project file",)),
    Case("cell-size-1-over-a-city",
         with_districts(city_sized_districts, cell_size=1), 2,
         ("the 300,000 x 300,000 grid of 1 m cells needs about", " MB but only ",
          " MB can be used", "use coarser cells (cell_size = ", "smaller extent")),
]

COMMANDS = [
    Case("chinese-paths-with-spaces", chinese_paths, 0, check=outputs_written),
    Case("chinese-paths-with-spaces-map", chinese_paths, 0, command="map"),
    Case("chinese-paths-with-spaces-atlas", chinese_paths, 0, command="atlas"),
    Case("repair-reported-by-map",
         as_layer(shp(_side(".shx", lambda p: p.unlink()))), 0,
         ("c.shp): the .shx index is missing; it was rebuilt",), "map"),
    Case("duplicate-district-names-atlas",
         with_districts(lambda: districts_frame(("西城", "西城", "东城"))), 0,
         ("district names used more than once",), "atlas"),
    Case("raster-layer-printed-no-aux-xml", as_layer(tif()), 0,
         ("layer 'case': values normalised min-max",), "atlas"),
    Case("map-of-an-unknown-district", with_districts(districts_frame), 2,
         ("no district named '南城'", "西城、东城"), "map", district="南城"),
    Case("inspect-a-folder", lambda folder: folder, 2,
         (": is a folder, not a data file",), "inspect"),
    Case("inspect-a-missing-file", lambda folder: folder / "无此 文件.gpkg", 2,
         ("无此 文件.gpkg: file not found: ",), "inspect"),
]

# fmt: on

CASES = [*DAMAGED_FILES, *ODD_LAYERS, *IRRECONCILABLE_CRS, *PROJECT_FILES, *COMMANDS]
assert len({c.id for c in CASES}) == len(CASES), "every case id is unique"
