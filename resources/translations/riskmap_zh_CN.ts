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
        <source>Add File &amp;Geodatabase…</source>
        <translation>添加文件地理数据库(&amp;G)…</translation>
    </message>
    <message>
        <source>Add a layer from an Esri File Geodatabase (a .gdb folder)</source>
        <translation>从 Esri 文件地理数据库（.gdb 文件夹）添加图层</translation>
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
        <source>A layer file cannot be read.</source>
        <translation>图层文件无法读取。</translation>
    </message>
    <message>
        <source>A layer has no coordinate system.</source>
        <translation>图层缺少坐标系。</translation>
    </message>
    <message>
        <source>The layers&apos; coordinate systems cannot be reconciled.</source>
        <translation>各图层的坐标系无法统一。</translation>
    </message>
    <message>
        <source>A hazard model cannot find an attribute it needs.</source>
        <translation>风险模型找不到所需的属性字段。</translation>
    </message>
    <message>
        <source>A layer&apos;s geometry does not suit its hazard kind.</source>
        <translation>图层的几何类型与其风险类型不符。</translation>
    </message>
    <message>
        <source>The project file has a problem.</source>
        <translation>项目文件有误。</translation>
    </message>
    <message>
        <source>The grid is too large for this computer&apos;s memory.</source>
        <translation>网格过大，超出本机内存。</translation>
    </message>
    <message>
        <source>A setting has a value riskmap cannot use.</source>
        <translation>某项设置的值无效。</translation>
    </message>
    <message>
        <source>An output file cannot be written.</source>
        <translation>输出文件无法写入。</translation>
    </message>
    <message>
        <source>The Chinese font is missing.</source>
        <translation>缺少中文字体。</translation>
    </message>
    <message>
        <source>riskmap cannot go on with this input.</source>
        <translation>输入有问题，riskmap 无法继续。</translation>
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
        <source>“{text}” is not a judgement</source>
        <extracomment>Saaty&apos;s scale as offered in the cells, strongest row preference first.</extracomment>
        <translation>“{text}”不是有效的判断值</translation>
    </message>
    <message>
        <source>type a number from 1/9 to 9, e.g. 3 or 1/3</source>
        <translation>请输入 1/9 到 9 之间的数，如 3 或 1/3</translation>
    </message>
    <message>
        <source>{text} is outside Saaty&apos;s scale 1/9 … 9</source>
        <translation>{text} 超出 Saaty 标度 1/9 … 9</translation>
    </message>
    <message>
        <source>1 equal, 3 moderate, 5 strong, 7 very strong, 9 extreme</source>
        <translation>1 同等重要，3 稍重要，5 明显重要，7 强烈重要，9 极端重要</translation>
    </message>
    <message>
        <source>Weights by pairwise comparison (AHP)</source>
        <translation>层次分析法（AHP）两两比较确定权重</translation>
    </message>
    <message>
        <source>For each pair: how much more important is the row&apos;s hazard than the column&apos;s? 1 equal, 3 moderate, 5 strong, 7 very strong, 9 extreme; 1/3 … 1/9 when the column&apos;s matters more.</source>
        <translation>对每一对风险：行所列风险比列所列风险重要多少？1 同等重要，3 稍重要，5 明显重要，7 强烈重要，9 极端重要；列所列风险更重要时取 1/3 … 1/9。</translation>
    </message>
    <message>
        <source>Apply weights</source>
        <translation>应用权重</translation>
    </message>
    <message>
        <source>AHP needs at least two hazard layers.</source>
        <translation>层次分析法至少需要两个风险图层。</translation>
    </message>
    <message>
        <source>Add hazard layers first, or set the weight directly.</source>
        <translation>请先添加风险图层，或直接设置权重。</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Hazard</source>
        <translation>风险源</translation>
    </message>
    <message>
        <source>AHP weight</source>
        <translation>AHP 权重</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>当前</translation>
    </message>
    <message>
        <source>一致性可接受 — consistency is acceptable (CR {cr:.3f} &lt; {limit:.2f})</source>
        <translation>一致性可接受（CR = {cr:.3f} &lt; {limit:.2f}）</translation>
    </message>
    <message>
        <source>需要修改判断 — revise the judgements (CR {cr:.3f} ≥ {limit:.2f})</source>
        <translation>需要修改判断（CR = {cr:.3f} ≥ {limit:.2f}）</translation>
    </message>
    <message>
        <source>Look first at {row} vs {col}: judged {judged}, the weights imply about {implied}.</source>
        <translation>请先检查“{row}”与“{col}”：判断值为 {judged}，权重所隐含的比值约为 {implied}。</translation>
    </message>
    <message>
        <source>Revise the judgements until CR &lt; 0.10</source>
        <translation>请修改判断，直至 CR &lt; 0.10</translation>
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
        <source>Exporting the map…</source>
        <translation>正在导出地图…</translation>
    </message>
    <message>
        <source>Testing the weights…</source>
        <translation>正在检验权重…</translation>
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
        <source>Data files (*.shp *.gpkg *.geojson *.json *.kml *.csv *.txt *.tif *.tiff *.gdbtable);;All files (*)</source>
        <extracomment>Tests answer for the user: ``(layer title or None, path) -&gt; choice``.</extracomment>
        <translation>数据文件 (*.shp *.gpkg *.geojson *.json *.kml *.csv *.txt *.tif *.tiff *.gdbtable);;所有文件 (*)</translation>
    </message>
    <message>
        <source>File not found</source>
        <translation>文件未找到</translation>
    </message>
    <message>
        <source>The district boundaries file is not there.</source>
        <translation>行政区划边界文件不在原处。</translation>
    </message>
    <message>
        <source>The file of layer “{title}” is not there.</source>
        <translation>图层“{title}”的文件不在原处。</translation>
    </message>
    <message>
        <source>{path}

Find the file, or open the project without this layer.</source>
        <translation>{path}

请查找该文件，或在打开项目时移除此图层。</translation>
    </message>
    <message>
        <source>Locate file…</source>
        <translation>查找文件…</translation>
    </message>
    <message>
        <source>Remove the layer</source>
        <translation>移除图层</translation>
    </message>
    <message>
        <source>district boundaries</source>
        <translation>行政区划边界</translation>
    </message>
    <message>
        <source>Locate the file of “{name}” ({file})</source>
        <translation>查找“{name}”的文件（{file}）</translation>
    </message>
    <message>
        <source>Add File Geodatabase</source>
        <translation>添加文件地理数据库</translation>
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
        <source>method</source>
        <translation>方法</translation>
    </message>
    <message>
        <source>take the highest level (就高)</source>
        <translation>就高原则</translation>
    </message>
    <message>
        <source>class thresholds</source>
        <translation>分级阈值</translation>
    </message>
    <message>
        <source>cell size</source>
        <translation>网格大小</translation>
    </message>
    <message>
        <source>title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>paper</source>
        <translation>纸张</translation>
    </message>
    <message>
        <source>orientation</source>
        <translation>方向</translation>
    </message>
    <message>
        <source>print resolution</source>
        <translation>打印分辨率</translation>
    </message>
    <message>
        <source>organisation (编制单位)</source>
        <translation>编制单位</translation>
    </message>
    <message>
        <source>map review number (审图号)</source>
        <translation>审图号</translation>
    </message>
    <message>
        <source>internal-use mark</source>
        <translation>内部资料标注</translation>
    </message>
    <message>
        <source>grey-scale hatching</source>
        <translation>黑白填充线</translation>
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
        <source>Print preview</source>
        <extracomment>Settings that change the page without a new scoring result.</extracomment>
        <translation>打印预览</translation>
    </message>
    <message>
        <source>Page</source>
        <translation>页面</translation>
    </message>
    <message>
        <source>Map of</source>
        <translation>图幅</translation>
    </message>
    <message>
        <source>Paper</source>
        <translation>纸张</translation>
    </message>
    <message>
        <source>Landscape</source>
        <translation>横向</translation>
    </message>
    <message>
        <source>Portrait</source>
        <translation>纵向</translation>
    </message>
    <message>
        <source>Orientation</source>
        <translation>方向</translation>
    </message>
    <message>
        <source>Title block and footer</source>
        <translation>图名与图签</translation>
    </message>
    <message>
        <source>e.g. 重庆市应急管理局</source>
        <translation>如：重庆市应急管理局</translation>
    </message>
    <message>
        <source>Organisation (编制单位)</source>
        <translation>编制单位</translation>
    </message>
    <message>
        <source>e.g. 渝S(2024)001号</source>
        <translation>如：渝S(2024)001号</translation>
    </message>
    <message>
        <source>Map review no. (审图号)</source>
        <translation>审图号</translation>
    </message>
    <message>
        <source>Mark as internal (内部资料 注意保密)</source>
        <translation>标注“内部资料 注意保密”</translation>
    </message>
    <message>
        <source>Hatch the levels for grey-scale printing</source>
        <translation>按等级加填充线（便于黑白打印）</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>输出</translation>
    </message>
    <message>
        <source>Export {kind}…</source>
        <translation>导出 {kind}…</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <source>Export Atlas…</source>
        <translation>导出图集…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Overview (whole map)</source>
        <translation>总图（全域）</translation>
    </message>
    <message>
        <source>The page could not be drawn.</source>
        <translation>无法绘制该页面。</translation>
    </message>
    <message>
        <source>{kind} files (*{suffix})</source>
        <extracomment>The formats a page is exported to, the first the default.</extracomment>
        <translation>{kind} 文件 (*{suffix})</translation>
    </message>
    <message>
        <source>Export map</source>
        <translation>导出地图</translation>
    </message>
    <message>
        <source>Saved {path}</source>
        <translation>已保存 {path}</translation>
    </message>
    <message>
        <source>Writing {name}…</source>
        <translation>正在写入 {name}…</translation>
    </message>
    <message>
        <source>Export atlas</source>
        <translation>导出图集</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>{pages} pages written to {path}</source>
        <translation>已将 {pages} 页写入 {path}</translation>
    </message>
    <message>
        <source>Atlas</source>
        <translation>图集</translation>
    </message>
    <message>
        <source>Some pages could not be drawn.</source>
        <translation>部分页面无法绘制。</translation>
    </message>
    <message>
        <source>Writing the atlas…</source>
        <translation>正在写入图集…</translation>
    </message>
    <message>
        <source>Failed: {reason}</source>
        <translation>失败：{reason}</translation>
    </message>
    <message>
        <source>Canceled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Printing failed</source>
        <translation>打印失败</translation>
    </message>
    <message>
        <source>Sent to the printer</source>
        <translation>已发送到打印机</translation>
    </message>
    <message>
        <source>Preparing the page for the printer…</source>
        <translation>正在为打印机准备页面…</translation>
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
    <message>
        <source>Sensitivity of the levels to the weights</source>
        <translation>风险等级对权重的敏感性</translation>
    </message>
    <message>
        <source>Draws the weights at random around the chosen ones (Dirichlet) many times and counts how often each district keeps its level.</source>
        <translation>在所选权重附近多次随机抽取权重（狄利克雷分布），统计各区县保持原风险等级的频率。</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>模拟次数</translation>
    </message>
    <message>
        <source>Concentration: 50 spreads a weight of 1/3 by about ±20 %</source>
        <translation>集中参数：取 50 时，1/3 的权重约有 ±20% 的波动</translation>
    </message>
    <message>
        <source>Concentration α</source>
        <translation>集中参数 α</translation>
    </message>
    <message>
        <source>Also vary the aggregation method</source>
        <translation>同时随机改变合成方法</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>District</source>
        <translation>区县</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>等级</translation>
    </message>
    <message>
        <source>P(low)</source>
        <translation>P(低)</translation>
    </message>
    <message>
        <source>P(moderate)</source>
        <translation>P(一般)</translation>
    </message>
    <message>
        <source>P(high)</source>
        <translation>P(较大)</translation>
    </message>
    <message>
        <source>P(major)</source>
        <translation>P(重大)</translation>
    </message>
    <message>
        <source>Rank</source>
        <translation>排名</translation>
    </message>
    <message>
        <source>Rank 5–95 %</source>
        <translation>排名 5–95%</translation>
    </message>
    <message>
        <source>Unstable</source>
        <translation>不稳定</translation>
    </message>
    <message>
        <source>Outline unstable districts on the map</source>
        <translation>在地图上勾绘不稳定的区县</translation>
    </message>
    <message>
        <source>The map changed meanwhile: run again.</source>
        <translation>运行期间地图已更新，请重新运行。</translation>
    </message>
    <message>
        <source>Canceled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <source>Running {runs} runs…</source>
        <translation>正在运行 {runs} 次模拟…</translation>
    </message>
    <message>
        <source>The map changed since the last run: run again to update.</source>
        <translation>上次运行后地图已更新，请重新运行。</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>{unstable} of {total} districts are unstable (their level changes in more than {share:.0f} % of {runs} runs); mean rank shift {shift:.2f}.</source>
        <translation>{total} 个区县中有 {unstable} 个不稳定（在 {runs} 次模拟中等级变化超过 {share:.0f}%）；平均排名变动 {shift:.2f}。</translation>
    </message>
    <message>
        <source>Thresholds must lie between 0 and 1.</source>
        <translation>阈值必须介于 0 与 1 之间。</translation>
    </message>
    <message>
        <source>Thresholds must increase: blue &lt; yellow &lt; orange &lt; red.</source>
        <translation>阈值必须递增：蓝 &lt; 黄 &lt; 橙 &lt; 红。</translation>
    </message>
    <message>
        <source>fixed thresholds</source>
        <translation>固定阈值</translation>
    </message>
    <message>
        <source>quantiles</source>
        <translation>分位数</translation>
    </message>
    <message>
        <source>natural breaks (Jenks)</source>
        <translation>自然断点（Jenks）</translation>
    </message>
    <message>
        <source>Raw weight {raw:g}: {share:.1f} % of the total</source>
        <translation>原始权重 {raw:g}：占总权重的 {share:.1f}%</translation>
    </message>
    <message>
        <source>Risk model</source>
        <translation>风险模型</translation>
    </message>
    <message>
        <source>Weights</source>
        <translation>权重</translation>
    </message>
    <message>
        <source>No hazard layers: add one with Layer &gt; Add Layer.</source>
        <translation>没有风险图层：请通过“图层 &gt; 添加图层”添加。</translation>
    </message>
    <message>
        <source>Equal</source>
        <translation>等权</translation>
    </message>
    <message>
        <source>Give every hazard the same weight</source>
        <translation>各风险取相同权重</translation>
    </message>
    <message>
        <source>AHP…</source>
        <translation>AHP…</translation>
    </message>
    <message>
        <source>Derive the weights from pairwise judgements</source>
        <translation>由两两比较判断确定权重</translation>
    </message>
    <message>
        <source>Sensitivity…</source>
        <translation>敏感性…</translation>
    </message>
    <message>
        <source>How much do the district levels depend on the weights?</source>
        <translation>区县风险等级在多大程度上取决于权重？</translation>
    </message>
    <message>
        <source>Aggregation</source>
        <translation>合成</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>方法</translation>
    </message>
    <message>
        <source>Take the highest level (就高)</source>
        <translation>就高原则</translation>
    </message>
    <message>
        <source>A cell&apos;s level is at least the level of its worst single hazard</source>
        <translation>网格的等级不低于其最高单项风险的等级</translation>
    </message>
    <message>
        <source>Grid cell size; a change scores the map again</source>
        <translation>网格大小；修改后将重新计算</translation>
    </message>
    <message>
        <source>Cell size</source>
        <translation>网格大小</translation>
    </message>
    <message>
        <source>Classification</source>
        <translation>分级</translation>
    </message>
    <message>
        <source>yellow ≥</source>
        <translation>黄 ≥</translation>
    </message>
    <message>
        <source>orange ≥</source>
        <translation>橙 ≥</translation>
    </message>
    <message>
        <source>red ≥</source>
        <translation>红 ≥</translation>
    </message>
    <message>
        <source>Thresholds</source>
        <translation>阈值</translation>
    </message>
    <message>
        <source>Breaks computed from the scores: {breaks}</source>
        <translation>由评分计算的分级断点：{breaks}</translation>
    </message>
    <message>
        <source>The map is not computed yet, so there is nothing to print.</source>
        <extracomment>Printing draws the page as an image at most this fine (dots per inch).</extracomment>
        <translation>地图尚未计算完成，暂无可打印内容。</translation>
    </message>
    <message>
        <source>Wait until the status bar says the map is up to date.</source>
        <translation>请等待状态栏显示“地图已更新”。</translation>
    </message>
    <message>
        <source>The printer could not be started.</source>
        <translation>无法启动打印机。</translation>
    </message>
    <message>
        <source>Check the printer, or export a PDF and print that.</source>
        <translation>请检查打印机，或先导出 PDF 再打印。</translation>
    </message>
    <message>
        <source>Recover unsaved changes</source>
        <extracomment>Tests (and the self-test) answer the recovery question through this hook or the RISKMAP_RECOVERY_ANSWER variable: &quot;recover&quot;, &quot;discard&quot; or &quot;later&quot;. The autosavers of this process: an entry this process wrote belongs to a live window only while that window&apos;s autosaver exists.</extracomment>
        <translation>恢复未保存的修改</translation>
    </message>
    <message>
        <source>riskmap did not close properly last time. Unsaved changes to “{title}” were kept at {time}.</source>
        <translation>riskmap 上次未正常关闭。已于 {time} 保留了“{title}”中未保存的修改。</translation>
    </message>
    <message>
        <source>Recover them? (Discard deletes the kept copy; the project file itself is not changed until you save.)</source>
        <translation>是否恢复？（“放弃”将删除保留的副本；保存之前，项目文件本身不会被修改。）</translation>
    </message>
    <message>
        <source>Recover</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>放弃</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>稍后</translation>
    </message>
    <message>
        <source>&amp;Export Map…</source>
        <translation>导出地图(&amp;E)…</translation>
    </message>
    <message>
        <source>Write the current district&apos;s map as PDF, PNG or SVG</source>
        <translation>将当前区县的地图导出为 PDF、PNG 或 SVG</translation>
    </message>
    <message>
        <source>Export &amp;Atlas…</source>
        <translation>导出图集(&amp;A)…</translation>
    </message>
    <message>
        <source>The overview and every district in one PDF</source>
        <translation>总图和各区县图合为一个 PDF</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>打印(&amp;P)…</translation>
    </message>
    <message>
        <source>Preview and print the map</source>
        <translation>预览并打印地图</translation>
    </message>
    <message>
        <source>&amp;Weights (AHP)…</source>
        <translation>权重（AHP）(&amp;W)…</translation>
    </message>
    <message>
        <source>Derive the hazard weights from pairwise judgements</source>
        <translation>由两两比较判断确定各风险权重</translation>
    </message>
    <message>
        <source>&amp;Sensitivity…</source>
        <translation>敏感性分析(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Risk Model</source>
        <translation>风险模型(&amp;R)</translation>
    </message>
    <message>
        <source>Weights, aggregation and classes</source>
        <translation>权重、合成方法与分级</translation>
    </message>
</context>
</TS>
