"""matplotlib drawing shared by screen and paper. No Qt, no pyplot.

model
    the page model (:class:`~riskmap.render.model.MapDocument`) the pipeline
    builds from a project, its layers and a result.
map_figure, layer_artists, cells, geometry
    the map itself: risk surface, hazard layers (culled, simplified and
    cached per layer), districts; shared with the GUI canvas.
page, layout, legend, tables, footer, furniture, text
    one printed page in millimetres: title, map frame, legend, statistics,
    inset, scale bar, north arrow, footer.
raster
    the page's map image: risk classes at output pixels, heavy layers burnt
    in with numpy.
pdf, atlas
    writing pages into one PDF quickly (text replayed, palette images);
    saving pages as PDF, PNG or SVG and whole atlases.
fonts, styles, crs_text
    the bundled Chinese font, symbology, the CRS statement.

Modules import matplotlib, so this package imports none of them itself.
"""
