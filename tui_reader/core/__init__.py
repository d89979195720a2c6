"""The pure core, grouped by role; never imports Textual or Rich (`lint-imports` and a test check).

- content: the model (Review, Comment, Subject), safe text, dates, ratings, ids.
- importers: one module per format, bytes in, models out; never the store or search.
- store: the library on disk (catalog, shards, userdata) with its crash safety.
- search: the index, queries, sorting, subject statistics.
- personal: anchors, quoting, clipboard, export, seen comments.
- pipeline: import, removal and seeds, which combine the packages above.
"""
