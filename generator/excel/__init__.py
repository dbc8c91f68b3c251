"""Reading and writing the input workbooks; the sheet layouts live in `schema`."""
