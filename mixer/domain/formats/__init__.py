"""Export formats: plain rows in, file text out, one module per format.

Pure on purpose: no Flask, no database. Services build the rows (`rows.py`) and decide
what may be shown; these modules only format them, so every format can be tested without
an app: `spreadsheet.py` (CSV as Excel opens it), `vcard.py` (vCard 3.0), `archive.py`
(the event as JSON), and `text.py` (what every file's text is cleaned of, and file names).
"""
