"""Data in and out: read a spreadsheet, map its columns, validate, write all or nothing; export.

The pipeline, each step a module with no Streamlit in it:

- `reading`: bytes of a CSV, XLSX or zip to tables of text cells (encoding, delimiter, merged
  cells, formulas, ragged rows, size and type checks);
- `entities`: what can be imported, each entity's canonical columns and stable key;
- `mapping`: a file's columns and value labels matched to those columns, saved by name;
- `validation`: typed values and every problem with row, column, value and what to do;
- `commit`: one transaction that adds and updates by stable key, and the import log;
- `export`: the whole database as a zip of CSVs or one workbook that reads back in.
"""
