"""Reading a spreadsheet of contributions into rows of text cells.

CSV as French spreadsheets save it (UTF-8 with or without BOM, or Windows-1252; comma or
semicolon) or XLSX. Rows are numbered as a spreadsheet numbers them, the header being row 1,
so a line number in the report is the row the facilitator sees when opening the file. Every
limit is checked before the work it protects (size of the file and of the unzipped workbook,
number of rows); the length of each cell is the capture form's business.
"""

import csv
import datetime
import io
import zipfile

from django.utils.translation import gettext as _
from openpyxl import load_workbook

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_ROWS = 10_000
# A blank row costs little, but a workbook can declare a million of them.
MAX_LINES = 5 * MAX_ROWS
MAX_COLUMNS = 50
# Unzipped size of an XLSX: a 5 MB zip may hide gigabytes of XML.
MAX_UNZIPPED_BYTES = 60 * 1024 * 1024

XLSX_MAGIC = b"PK\x03\x04"
XLS_MAGIC = b"\xd0\xcf\x11\xe0"


class ImportFileError(Exception):
    """The file as a whole cannot be read; the message is for the facilitator."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def read_table(data, filename=""):
    """Return ``(header, rows)``: the header's cells, and ``(line, cells)`` for each
    non-blank row below it, every cell a stripped string."""
    if len(data) > MAX_FILE_BYTES:
        raise ImportFileError(
            _("The file is too large: at most %(max)s MB.")
            % {"max": MAX_FILE_BYTES // (1024 * 1024)}
        )
    if not data.strip():
        raise ImportFileError(_("The file is empty."))
    if data.startswith(XLS_MAGIC) or filename.lower().endswith(".xls"):
        raise ImportFileError(
            _("Old Excel files (.xls) cannot be read: save the file as .xlsx or .csv.")
        )
    lines = _xlsx_lines(data) if data.startswith(XLSX_MAGIC) else _csv_lines(data)
    return _split_header(lines)


def _split_header(lines):
    header, rows = None, []
    for line, cells in lines:
        if line > MAX_LINES:
            raise ImportFileError(_("The file has too many lines."))
        if header is None:
            if not any(cells):
                raise ImportFileError(_("Line 1 must hold the column names."))
            header = cells
            continue
        if not any(cells):
            continue
        if len(rows) >= MAX_ROWS:
            raise ImportFileError(
                _("The file has more than %(max)s rows: split it.") % {"max": MAX_ROWS}
            )
        rows.append((line, cells))
    if header is None:
        raise ImportFileError(_("The file is empty."))
    return header, rows


def _decode(data):
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        raise ImportFileError(
            _("The file is neither UTF-8 nor Windows-1252 text: save it as CSV (UTF-8).")
        ) from None


def guess_delimiter(text):
    """Comma or semicolon: ask csv.Sniffer, and check its guess against the header line,
    whose column names never hold either."""
    first_line = text.split("\n", 1)[0]
    try:
        delimiter = csv.Sniffer().sniff(text[:8192], delimiters=",;").delimiter
    except csv.Error:
        delimiter = None
    if delimiter is None or (
        first_line.count(delimiter) == 0 and first_line.count(";" if delimiter == "," else ",")
    ):
        delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    return delimiter


def _csv_lines(data):
    text = _decode(data)
    if "\x00" in text[:4096]:
        raise ImportFileError(_("This is not a CSV or XLSX file."))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=guess_delimiter(text))
    line = 0
    try:
        for line, row in enumerate(reader, start=1):
            yield line, [_cell(value) for value in row[:MAX_COLUMNS]]
    except csv.Error as error:
        raise ImportFileError(
            _("Line %(line)s cannot be read (%(error)s).") % {"line": line + 1, "error": error}
        ) from None


def _xlsx_lines(data):
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unzipped = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile:
        raise ImportFileError(_("This XLSX file is damaged.")) from None
    if unzipped > MAX_UNZIPPED_BYTES:
        raise ImportFileError(_("The workbook is too large once unzipped."))
    try:
        # Formulas come as their text (« =HYPERLINK(…) »), stored as plain text, never run.
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception:  # openpyxl raises many kinds of errors on a bad workbook.
        raise ImportFileError(_("This file cannot be read as an XLSX workbook.")) from None
    try:
        sheet = workbook.worksheets[0]
        rows = sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True)
        for line, row in enumerate(rows, start=1):
            yield line, [_cell(value) for value in row]
    except ImportFileError:
        raise
    except Exception:
        raise ImportFileError(_("This file cannot be read as an XLSX workbook.")) from None
    finally:
        workbook.close()


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        value = "1" if value else "0"
    elif isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        value = str(int(value))  # a SIREN or INSEE code typed as a number
    elif isinstance(value, datetime.datetime | datetime.date | datetime.time):
        value = value.isoformat()
    elif not isinstance(value, str):
        value = str(getattr(value, "text", value))
    return value.strip()
