"""The reader's own layer over the library: note anchors, quotes, the clipboard, export (JSON, Markdown), seen comments.

May import core.content and core.store; never importers, search, Textual or Rich.
"""
