"""Small models the UI keeps: the thread's visible rows, quote mode, search state, remembered position and sort.

May import core; never screens or widgets (they import these).
"""
