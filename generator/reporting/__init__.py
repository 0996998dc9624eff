"""`python -m generator report`: one progress report, checked like `check`, then written
(`report.py`)."""
