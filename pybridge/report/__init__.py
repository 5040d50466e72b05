"""The main job (``pybridge run``) and its report: sections, ledger-backed tables, HTML and Markdown."""
