"""The main screen's components: each owns its state and tells the screen what changed with messages.

search (the bar, the list filter, finds in the panes), listing (the list's rows and marks),
personal and quote_mode (notes, quotes, the clipboard), subjects, removal, importing (the
import's progress line), layout (the panes' layout and focus) and place (what is remembered
across restarts). They may import the core, `ui/state` and `ui/widgets`; never a screen
module at run time (the screen composes them) and never each other both ways.
"""
