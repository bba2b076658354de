<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name></name>
    <message>
        <source>&amp;New Project</source>
        <translation>新建项目(&amp;N)</translation>
    </message>
    <message>
        <source>Start an empty project</source>
        <translation>新建一个空项目</translation>
    </message>
    <message>
        <source>&amp;Open Project…</source>
        <translation>打开项目(&amp;O)…</translation>
    </message>
    <message>
        <source>Open a riskmap project file</source>
        <translation>打开 riskmap 项目文件</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>Save the project</source>
        <translation>保存项目</translation>
    </message>
    <message>
        <source>Save &amp;As…</source>
        <translation>另存为(&amp;A)…</translation>
    </message>
    <message>
        <source>Save the project under another name</source>
        <translation>以新文件名保存项目</translation>
    </message>
    <message>
        <source>&amp;Add Layer…</source>
        <translation>添加图层(&amp;A)…</translation>
    </message>
    <message>
        <source>Add a data file to the map</source>
        <translation>把数据文件添加到地图</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>Close riskmap</source>
        <translation>关闭 riskmap</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Remove Layer</source>
        <translation>移除图层(&amp;R)</translation>
    </message>
    <message>
        <source>Remove the selected layer from the project</source>
        <translation>从项目中移除所选图层</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <source>Language and other preferences</source>
        <translation>界面语言等偏好设置</translation>
    </message>
    <message>
        <source>&amp;Pan</source>
        <translation>平移(&amp;P)</translation>
    </message>
    <message>
        <source>Drag the map</source>
        <translation>拖动地图</translation>
    </message>
    <message>
        <source>Zoom &amp;In Tool</source>
        <translation>放大工具(&amp;I)</translation>
    </message>
    <message>
        <source>Click or drag a box to zoom in</source>
        <translation>单击或拉框放大</translation>
    </message>
    <message>
        <source>Zoom &amp;Out Tool</source>
        <translation>缩小工具(&amp;O)</translation>
    </message>
    <message>
        <source>Click to zoom out</source>
        <translation>单击缩小</translation>
    </message>
    <message>
        <source>&amp;Identify</source>
        <translation>识别(&amp;I)</translation>
    </message>
    <message>
        <source>Click the map to explain a cell or show a feature</source>
        <translation>单击地图，查看网格风险构成或要素属性</translation>
    </message>
    <message>
        <source>Se&amp;lect Features</source>
        <translation>选择要素(&amp;L)</translation>
    </message>
    <message>
        <source>Click or drag a box to select features of the current layer</source>
        <translation>单击或拉框选择当前图层的要素</translation>
    </message>
    <message>
        <source>&amp;Clear Selection</source>
        <translation>清除选择(&amp;C)</translation>
    </message>
    <message>
        <source>Unselect every feature</source>
        <translation>取消选择所有要素</translation>
    </message>
    <message>
        <source>Zoom In</source>
        <translation>放大</translation>
    </message>
    <message>
        <source>Zoom Out</source>
        <translation>缩小</translation>
    </message>
    <message>
        <source>Zoom to &amp;Full Extent</source>
        <translation>缩放到全图(&amp;F)</translation>
    </message>
    <message>
        <source>Show every district</source>
        <translation>显示全部区县</translation>
    </message>
    <message>
        <source>Zoom to &amp;Layer</source>
        <translation>缩放到图层(&amp;L)</translation>
    </message>
    <message>
        <source>Show the whole current layer</source>
        <translation>显示当前图层的全部范围</translation>
    </message>
    <message>
        <source>Zoom to &amp;Selection</source>
        <translation>缩放到所选要素(&amp;S)</translation>
    </message>
    <message>
        <source>Show the selected features</source>
        <translation>显示所选要素</translation>
    </message>
    <message>
        <source>&amp;Previous Extent</source>
        <translation>上一视图(&amp;P)</translation>
    </message>
    <message>
        <source>Go back to the last view</source>
        <translation>回到上一个视图范围</translation>
    </message>
    <message>
        <source>&amp;Next Extent</source>
        <translation>下一视图(&amp;N)</translation>
    </message>
    <message>
        <source>Go forward again</source>
        <translation>前进到下一个视图范围</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <source>Read the layers again and redraw</source>
        <translation>重新读取图层并重绘地图</translation>
    </message>
    <message>
        <source>Open &amp;Attribute Table</source>
        <translation>打开属性表(&amp;A)</translation>
    </message>
    <message>
        <source>Show the current layer&apos;s table</source>
        <translation>显示当前图层的属性表</translation>
    </message>
    <message>
        <source>Show Risk &amp;Levels</source>
        <translation>显示风险等级(&amp;L)</translation>
    </message>
    <message>
        <source>Show &amp;District Boundaries</source>
        <translation>显示区县边界(&amp;D)</translation>
    </message>
    <message>
        <source>Show District &amp;Names</source>
        <translation>显示区县名称(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;About riskmap</source>
        <translation>关于 riskmap(&amp;A)</translation>
    </message>
    <message>
        <source>Version and licences</source>
        <translation>版本与许可证</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>关于 Qt(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>Zoom to &amp;District</source>
        <translation>缩放到区县(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Panels</source>
        <translation>面板(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Toolbars</source>
        <translation>工具栏(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Layer</source>
        <translation>图层(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>工具(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>编辑</translation>
    </message>
    <message>
        <source>Map navigation</source>
        <translation>地图浏览</translation>
    </message>
    <message>
        <source>Map tools</source>
        <translation>地图工具</translation>
    </message>
    <message>
        <source>Zoom to a district</source>
        <translation>缩放到某个区县</translation>
    </message>
    <message>
        <source>riskmap: problem</source>
        <translation>riskmap：出现问题</translation>
    </message>
    <message>
        <source>riskmap: unexpected error</source>
        <translation>riskmap：意外错误</translation>
    </message>
    <message>
        <source>Something went wrong inside riskmap. Your project is kept; save it, and send the log file to support.</source>
        <translation>riskmap 内部出现错误。项目内容仍在，请先保存，再把日志文件发给技术支持。</translation>
    </message>
    <message>
        <source>Log file: {path}</source>
        <translation>日志文件：{path}</translation>
    </message>
    <message>
        <source>About riskmap</source>
        <extracomment>(distribution, licence) of what riskmap ships with.</extracomment>
        <translation>关于 riskmap</translation>
    </message>
    <message>
        <source>City safety risk map (城市安全风险“一张图”): hazard layers, composite risk on a grid and per district, the four official risk levels, printable district maps.</source>
        <translation>城市安全风险“一张图”：叠加各类风险源图层，按网格和区县计算综合风险，划分红橙黄蓝四级风险，输出可打印的区县风险图。</translation>
    </message>
    <message>
        <source>riskmap works without any network connection.</source>
        <translation>riskmap 完全离线运行，不需要任何网络连接。</translation>
    </message>
    <message>
        <source>Component</source>
        <translation>组件</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Licence</source>
        <translation>许可证</translation>
    </message>
    <message>
        <source>The map font is Noto Sans CJK SC under the SIL Open Font License; its licence text is in resources/fonts/OFL.txt. Qt is used under the GNU LGPL version 3.</source>
        <translation>地图字体为思源黑体（Noto Sans CJK SC），以 SIL 开放字体许可证发布，许可证全文见 resources/fonts/OFL.txt。Qt 依 GNU LGPL 第 3 版使用。</translation>
    </message>
    <message>
        <source>CGCS2000 longitude/latitude (EPSG:4490)</source>
        <translation>CGCS2000 经纬度（EPSG:4490）</translation>
    </message>
    <message>
        <source>WGS 84 longitude/latitude (EPSG:4326)</source>
        <translation>WGS 84 经纬度（EPSG:4326）</translation>
    </message>
    <message>
        <source>GCJ-02 (Amap, Tencent, QQ maps)</source>
        <translation>GCJ-02（高德、腾讯地图）</translation>
    </message>
    <message>
        <source>BD-09 (Baidu maps)</source>
        <translation>BD-09（百度地图）</translation>
    </message>
    <message>
        <source>CGCS2000 / 3-degree Gauss-Krüger CM 108E (EPSG:4545)</source>
        <translation>CGCS2000 / 3 度带高斯-克吕格 中央经线 108°E（EPSG:4545）</translation>
    </message>
    <message>
        <source>CGCS2000 / 3-degree Gauss-Krüger CM 105E (EPSG:4544)</source>
        <translation>CGCS2000 / 3 度带高斯-克吕格 中央经线 105°E（EPSG:4544）</translation>
    </message>
    <message>
        <source>CGCS2000 / 3-degree Gauss-Krüger zone 36 (EPSG:4524)</source>
        <translation>CGCS2000 / 3 度带高斯-克吕格 第 36 带（EPSG:4524）</translation>
    </message>
    <message>
        <source>Add Layer: {name}</source>
        <translation>添加图层：{name}</translation>
    </message>
    <message>
        <source>District boundaries (区县边界)</source>
        <translation>区县边界</translation>
    </message>
    <message>
        <source>Model input</source>
        <translation>模型输入</translation>
    </message>
    <message>
        <source>Attribute</source>
        <translation>属性字段</translation>
    </message>
    <message>
        <source>First value</source>
        <translation>首条记录的值</translation>
    </message>
    <message>
        <source>Add layer</source>
        <translation>添加图层</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>数据来源</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Layer in file</source>
        <translation>文件中的图层</translation>
    </message>
    <message>
        <source>Text encoding</source>
        <translation>文字编码</translation>
    </message>
    <message>
        <source>Coordinate system</source>
        <translation>坐标系</translation>
    </message>
    <message>
        <source>Use in the project</source>
        <translation>在项目中的用途</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Hazard kind</source>
        <translation>风险类型</translation>
    </message>
    <message>
        <source>Weight</source>
        <translation>权重</translation>
    </message>
    <message>
        <source>Field mapping</source>
        <translation>字段对应</translation>
    </message>
    <message>
        <source>{driver}, {geometry}, {n:,} features; attributes: {fields}</source>
        <translation>{driver}，{geometry}，{n:,} 个要素；属性字段：{fields}</translation>
    </message>
    <message>
        <source>UTF-8 (fixed by the format)</source>
        <translation>UTF-8（由文件格式规定）</translation>
    </message>
    <message>
        <source>{encoding} (detected)</source>
        <translation>{encoding}（自动识别）</translation>
    </message>
    <message>
        <source>As in the file: {crs}</source>
        <translation>使用文件自带坐标系：{crs}</translation>
    </message>
    <message>
        <source>None in the file: lon/lat assumed</source>
        <translation>文件未带坐标系：按经纬度处理</translation>
    </message>
    <message>
        <source>Found: {how}</source>
        <translation>识别方式：{how}</translation>
    </message>
    <message>
        <source>No preview: {reason}</source>
        <translation>无法预览：{reason}</translation>
    </message>
    <message>
        <source>Also found as: {aliases}</source>
        <translation>也可识别为：{aliases}</translation>
    </message>
    <message>
        <source>(not used)</source>
        <translation>（不使用）</translation>
    </message>
    <message>
        <source>coordinate system</source>
        <translation>坐标系</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>界面语言</translation>
    </message>
    <message>
        <source>The new language is used the next time riskmap starts.</source>
        <translation>新的界面语言将在下次启动 riskmap 时生效。</translation>
    </message>
    <message>
        <source>Attribute table</source>
        <translation>属性表</translation>
    </message>
    <message>
        <source>Filter: type text to find</source>
        <translation>筛选：输入要查找的文字</translation>
    </message>
    <message>
        <source>Zoom to selection</source>
        <translation>缩放到所选</translation>
    </message>
    <message>
        <source>Clear selection</source>
        <translation>清除选择</translation>
    </message>
    <message>
        <source>All columns</source>
        <translation>所有字段</translation>
    </message>
    <message>
        <source>{total:,} features, {selected:,} selected</source>
        <translation>共 {total:,} 个要素，已选 {selected:,} 个</translation>
    </message>
    <message>
        <source>{shown:,} of {total:,} features shown, {selected:,} selected</source>
        <translation>显示 {shown:,} / {total:,} 个要素，已选 {selected:,} 个</translation>
    </message>
    <message>
        <source>outside every district: not classified</source>
        <translation>不在任何区县内：不分级</translation>
    </message>
    <message>
        <source>就高 (take the highest): {hazard} alone reaches {level}; the thresholds {breaks} alone give {threshold_level}</source>
        <translation>就高原则：{hazard} 单项已达 {level}；仅按阈值 {breaks} 为 {threshold_level}</translation>
    </message>
    <message>
        <source>thresholds {breaks}: score {score} gives {level}</source>
        <translation>按阈值 {breaks}：综合得分 {score}，定为 {level}</translation>
    </message>
    <message>
        <source>Identify</source>
        <translation>识别</translation>
    </message>
    <message>
        <source>Choose the Identify tool and click the map to see why a place has its risk level and what the features there hold.</source>
        <translation>选择“识别”工具后单击地图，可查看该处风险等级的由来以及要素的属性。</translation>
    </message>
    <message>
        <source>Risk at this cell</source>
        <translation>该网格的风险</translation>
    </message>
    <message>
        <source>Hazard</source>
        <translation>风险源</translation>
    </message>
    <message>
        <source>Intensity</source>
        <translation>强度</translation>
    </message>
    <message>
        <source>Contribution</source>
        <translation>贡献</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>位置</translation>
    </message>
    <message>
        <source>Composite score</source>
        <translation>综合得分</translation>
    </message>
    <message>
        <source>Risk level</source>
        <translation>风险等级</translation>
    </message>
    <message>
        <source>Set by</source>
        <translation>定级依据</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>{district} — cell row {row}, column {col}</source>
        <translation>{district}——网格第 {row} 行、第 {col} 列</translation>
    </message>
    <message>
        <source>outside the districts</source>
        <translation>区县范围以外</translation>
    </message>
    <message>
        <source>{r} × exposure {e} = {score}</source>
        <translation>{r} × 暴露度 {e} = {score}</translation>
    </message>
    <message>
        <source>no data (outside the districts)</source>
        <translation>无数据（区县范围以外）</translation>
    </message>
    <message>
        <source>Feature {n}</source>
        <translation>要素 {n}</translation>
    </message>
    <message>
        <source>District boundaries</source>
        <translation>区县边界</translation>
    </message>
    <message>
        <source>Risk level (grid)</source>
        <translation>风险等级（网格）</translation>
    </message>
    <message>
        <source>Kind: {kind}</source>
        <translation>类型：{kind}</translation>
    </message>
    <message>
        <source>File: {path}</source>
        <translation>文件：{path}</translation>
    </message>
    <message>
        <source>Features: {n:,}</source>
        <translation>要素数：{n:,}</translation>
    </message>
    <message>
        <source>Coordinate system: {crs}</source>
        <translation>坐标系：{crs}</translation>
    </message>
    <message>
        <source>Encoding: {enc}</source>
        <translation>编码：{enc}</translation>
    </message>
    <message>
        <source>Not loaded yet, or loading failed</source>
        <translation>尚未加载，或加载失败</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>图层</translation>
    </message>
    <message>
        <source>Layer properties</source>
        <translation>图层属性</translation>
    </message>
    <message>
        <source>Opacity</source>
        <translation>不透明度</translation>
    </message>
    <message>
        <source>Colour and width</source>
        <translation>颜色和线宽</translation>
    </message>
    <message>
        <source>Zoom to layer</source>
        <translation>缩放到图层</translation>
    </message>
    <message>
        <source>Select a layer in the list.</source>
        <translation>请在列表中选择一个图层。</translation>
    </message>
    <message>
        <source>{share:.0%} of all</source>
        <translation>占全部 {share:.0%}</translation>
    </message>
    <message>
        <source>Change hazard kind of {layer}</source>
        <translation>修改 {layer} 的风险类型</translation>
    </message>
    <message>
        <source>Colour</source>
        <translation>颜色</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>消息</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>消息</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清空</translation>
    </message>
    <message>
        <source>{source}: {n} notes</source>
        <translation>{source}：{n} 条提示</translation>
    </message>
    <message>
        <source>The map could not be drawn: {reason}</source>
        <translation>地图无法绘制：{reason}</translation>
    </message>
    <message>
        <source>&amp;Undo {what}</source>
        <translation>撤销(&amp;U) {what}</translation>
    </message>
    <message>
        <source>&amp;Redo {what}</source>
        <translation>重做(&amp;R) {what}</translation>
    </message>
    <message>
        <source>Loading layers…</source>
        <translation>正在加载图层…</translation>
    </message>
    <message>
        <source>Computing risk…</source>
        <translation>正在计算风险…</translation>
    </message>
    <message>
        <source>Loading the new layer…</source>
        <translation>正在加载新图层…</translation>
    </message>
    <message>
        <source>Map up to date</source>
        <translation>地图已是最新</translation>
    </message>
    <message>
        <source>{n} notes about {source}: see the Messages panel</source>
        <translation>{source} 有 {n} 条提示，请查看“消息”面板</translation>
    </message>
    <message>
        <source>Choose a layer in the Layers panel first</source>
        <translation>请先在“图层”面板中选择一个图层</translation>
    </message>
    <message>
        <source>Zoom to district…</source>
        <translation>缩放到区县…</translation>
    </message>
    <message>
        <source>Data files (*.shp *.gpkg *.geojson *.json *.kml *.csv *.txt *.tif *.tiff *.gdb);;All files (*)</source>
        <translation>数据文件 (*.shp *.gpkg *.geojson *.json *.kml *.csv *.txt *.tif *.tiff *.gdb);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Layer added</source>
        <translation>已添加图层</translation>
    </message>
    <message>
        <source>The layer was added. riskmap noticed:</source>
        <translation>图层已添加。riskmap 发现以下情况：</translation>
    </message>
    <message>
        <source>Clear the list</source>
        <translation>清空列表</translation>
    </message>
    <message>
        <source>About Qt</source>
        <translation>关于 Qt</translation>
    </message>
    <message>
        <source>Base layer (not scored)</source>
        <translation>底图图层（不参与评分）</translation>
    </message>
    <message>
        <source>visibility</source>
        <translation>可见性</translation>
    </message>
    <message>
        <source>opacity</source>
        <translation>不透明度</translation>
    </message>
    <message>
        <source>style</source>
        <translation>样式</translation>
    </message>
    <message>
        <source>hazard kind</source>
        <translation>风险类型</translation>
    </message>
    <message>
        <source>weight</source>
        <translation>权重</translation>
    </message>
    <message>
        <source>field mapping</source>
        <translation>字段对应</translation>
    </message>
    <message>
        <source>encoding</source>
        <translation>编码</translation>
    </message>
    <message>
        <source>name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>parameters</source>
        <translation>参数</translation>
    </message>
    <message>
        <source>Low (blue)</source>
        <translation>低风险（蓝）</translation>
    </message>
    <message>
        <source>Moderate (yellow)</source>
        <translation>一般风险（黄）</translation>
    </message>
    <message>
        <source>High (orange)</source>
        <translation>较大风险（橙）</translation>
    </message>
    <message>
        <source>Major (red)</source>
        <translation>重大风险（红）</translation>
    </message>
    <message>
        <source>probabilistic union</source>
        <translation>概率并</translation>
    </message>
    <message>
        <source>weighted sum</source>
        <translation>加权求和</translation>
    </message>
    <message>
        <source>weighted geometric mean</source>
        <translation>加权几何平均</translation>
    </message>
    <message>
        <source>maximum</source>
        <translation>最大值</translation>
    </message>
    <message>
        <source>Change {what} of {layer}</source>
        <translation>修改 {layer} 的{what}</translation>
    </message>
    <message>
        <source>Add layer {layer}</source>
        <translation>添加图层 {layer}</translation>
    </message>
    <message>
        <source>Remove layer {layer}</source>
        <translation>移除图层 {layer}</translation>
    </message>
    <message>
        <source>Move layer {layer}</source>
        <translation>移动图层 {layer}</translation>
    </message>
    <message>
        <source>Change weights</source>
        <translation>修改权重</translation>
    </message>
    <message>
        <source>Set district boundaries</source>
        <translation>设置区县边界</translation>
    </message>
    <message>
        <source>Change setting {name}</source>
        <translation>修改设置 {name}</translation>
    </message>
    <message>
        <source>riskmap projects (*{suffix});;All files (*)</source>
        <extracomment>Tests answer the unsaved-changes question through this hook.</extracomment>
        <translation>riskmap 项目 (*{suffix});;所有文件 (*)</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>未保存的修改</translation>
    </message>
    <message>
        <source>The project “{title}” has changes that are not saved.</source>
        <translation>项目“{title}”有尚未保存的修改。</translation>
    </message>
    <message>
        <source>Save them before continuing?</source>
        <translation>是否先保存再继续？</translation>
    </message>
    <message>
        <source>New project</source>
        <translation>新项目</translation>
    </message>
    <message>
        <source>Open project</source>
        <translation>打开项目</translation>
    </message>
    <message>
        <source>Save project as</source>
        <translation>项目另存为</translation>
    </message>
    <message>
        <source>Cannot save the project to {path}: {reason}</source>
        <translation>无法把项目保存到 {path}：{reason}</translation>
    </message>
    <message>
        <source>Choose another folder with File &gt; Save As.</source>
        <translation>请用“文件 &gt; 另存为”选择其他文件夹。</translation>
    </message>
    <message>
        <source>Map scale: type a scale such as 1:25000</source>
        <translation>地图比例尺：可直接输入，如 1:25000</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Stop the running work</source>
        <translation>停止正在进行的计算</translation>
    </message>
    <message>
        <source>Scale</source>
        <translation>比例尺</translation>
    </message>
    <message>
        <source>Lon {lon:.6f}°  Lat {lat:.6f}° (CGCS2000)</source>
        <translation>经度 {lon:.6f}°  纬度 {lat:.6f}°（CGCS2000）</translation>
    </message>
    <message>
        <source>X {x:,.1f}  Y {y:,.1f} m ({crs})</source>
        <translation>X {x:,.1f}  Y {y:,.1f} 米（{crs}）</translation>
    </message>
    <message>
        <source>Lon —  Lat —</source>
        <translation>经度 —  纬度 —</translation>
    </message>
</context>
</TS>
