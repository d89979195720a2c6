"""What every other core package builds on: the review model, safe text, dates, ratings and ids.

Imports nothing else from tui_reader; never Textual or Rich.
"""
