"""The pure core: models, importers, store, export. Never imports Textual (a test checks)."""
