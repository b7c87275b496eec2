"""Reads a workbook Serialdesk exported with openpyxl, a reader other than
the excelize that wrote it, and prints what it finds as JSON: how each sheet
prints, its title, headings and rows, the fonts its cells use, and the
file's properties. The Go tests (openpyxl_test.go) judge it.

Usage: python3 check_workbook.py FILE.xlsx
"""

import json
import sys

import openpyxl


def heading(cell, width):
    return {
        "text": cell.value,
        "font": cell.font.name,
        "bold": bool(cell.font.b),
        "align": cell.alignment.horizontal,
        "width": width,
    }


def sheet(ws):
    setup = ws.page_setup
    fit = ws.sheet_properties.pageSetUpPr
    header = list(ws.iter_rows(min_row=2, max_row=2))[0]
    widths = ws.column_dimensions
    return {
        "orientation": setup.orientation,
        "paperSize": setup.paperSize,
        "fitToWidth": setup.fitToWidth,
        "fitToHeight": setup.fitToHeight,
        "fitToPage": bool(fit and fit.fitToPage),
        "printTitleRows": ws.print_title_rows,
        "footer": ws.oddFooter.center.text,
        "freezePanes": ws.freeze_panes,
        "title": ws["A1"].value,
        "headings": [heading(c, widths[c.column_letter].width) for c in header],
        "rows": [[c.value for c in row] for row in ws.iter_rows(min_row=3)],
        "fonts": sorted({c.font.name for row in ws.iter_rows() for c in row if c.value is not None}),
        # How the dates and amounts are formatted: built-in formats show in
        # the reader's own way.
        "dateFormats": sorted({c.number_format for row in ws.iter_rows(min_row=3) for c in row if c.is_date}),
        "amountFormats": sorted({c.number_format for row in ws.iter_rows(min_row=3) for c in row
                                 if isinstance(c.value, (int, float)) and c.number_format != "General"}),
    }


def main(path):
    # data_only: what a reader sees in the cells, not formulas.
    book = openpyxl.load_workbook(path, data_only=True)
    props = book.properties
    found = {
        "properties": {
            "creator": props.creator,
            "lastModifiedBy": props.lastModifiedBy,
            "created": props.created.isoformat() if props.created else None,
            "modified": props.modified.isoformat() if props.modified else None,
            "title": props.title,
        },
        "sheets": {ws.title: sheet(ws) for ws in book.worksheets},
    }
    json.dump(found, sys.stdout, default=str, ensure_ascii=False, indent=1)


if __name__ == "__main__":
    main(sys.argv[1])
