"""The reader's own layer over the library: note anchors, quotes, the clipboard, export and seen comments.

May import core.content and core.store; never importers, search, Textual or Rich.
"""
