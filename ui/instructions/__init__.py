"""The printed instructions sheet drawn with QPainter: print, preview, PDF.

Modules:
    actions        the sheet from the main window: preview, print, export
    printing       print, preview and export; the headless PDF writer for the CLI
    render         pages of a sheet for A4, US Letter or an 80 mm roll
    blocks         the sheet's blocks: what they share, the header, title, return card
    guide_blocks   the blocks below: steps, drop-off cards, the sustainability note
    painting       drawing primitives: text layout, fonts, colours, icons, QR code
    paper_formats  the paper formats and the combo that picks one (light to import)
"""

__all__ = ["actions", "printing", "render", "blocks", "guide_blocks", "painting", "paper_formats"]
