"""A code block keeps its own indentation on every line, the first included (found by a tester).

A Hacker News job post's `<pre><code>` list drew `* endlessly curious…` at the margin and the
lines after it at two spaces: `wrap` collapsed the whitespace of a line too long for the pane,
its leading spaces with it, while a short line kept them. `tui-reader show` indents them all alike.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tests.ui.conftest import AppFactory, until_open
from tui_reader.core.content.models import Comment, Review
from tui_reader.ui.state.remembered import UiState
from tui_reader.ui.widgets.wrap import line_offsets, wrap

WORDS = st.lists(st.from_regex(r"[a-z0-9–*]{1,12}", fullmatch=True), min_size=1, max_size=30).map(" ".join)

# as the Hacker News importer stores the comment (its HTML made Markdown)
JOB_POST = (
    "*Product-minded Generalist*\n\n```\n"
    "  * endlessly curious about how things work – infrastructure, language and libraries, product, and business\n"
    "  * solves problems\n"
    "  * apply at our site\n```"
)


@given(st.integers(1, 8), WORDS, st.integers(20, 60), st.booleans())  # each word fits after the indent
def test_a_paragraph_s_leading_spaces_begin_its_first_line(indent: int, words: str, width: int, hanging: bool) -> None:
    paragraph = " " * indent + words
    lines = wrap(paragraph, width, hanging=hanging)
    assert lines[0].startswith(" " * indent) and not lines[0].startswith(" " * (indent + 1))
    assert len(line_offsets(paragraph, lines)) == len(lines)
    assert " ".join(" ".join(lines).split()) == words  # every word, in order
    if hanging and width - indent >= 10:  # a code line wrapped: each of its lines at the code's indentation
        assert all(line.startswith(" " * indent) and len(line) <= width for line in lines)


async def test_the_comments_pane_indents_each_line_of_a_code_block_alike(make_app: AppFactory) -> None:
    comment = Comment("41131818", JOB_POST, author="photomatt")
    review = Review("hn", "Who is hiring?", "202408_raw.json", ("Ask HN",), format="hackernews", comments=(comment,))
    app = make_app([review], state=UiState(review_id="hn"))
    async with app.run_test(size=(140, 40)) as pilot:
        await until_open(pilot, app, "hn")
        await pilot.pause()
        thread = app.main.thread
        rows = [thread.render_line(y).text for y in range(thread.size.height)]
        starts = {
            row.index("*"): row for row in rows if "endlessly" in row or "solves problems" in row or "apply at" in row
        }
        assert len(starts) == 1, rows  # the same column: the first line is indented as the others
        (column,) = starts
        first = next(row for row in rows if "endlessly" in row)
        after = rows[rows.index(first) + 1]  # the first code line wrapped: it goes on under its text
        assert after.strip() and after.index(after.strip()[0]) == column, (first, after)
