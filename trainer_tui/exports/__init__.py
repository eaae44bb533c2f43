"""Documents made from the records: PDFs, CSV files, QR codes, signed records.

Renderers take the plain document data of :mod:`trainer_tui.exports.documents` and return
bytes; the services gather that data from the workspace and write the files. Nothing here
imports Textual, TinyDB, the storage or the services.
"""
