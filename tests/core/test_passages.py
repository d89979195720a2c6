"""A copied passage as plain text (`y`) and as Markdown (`Y`, the export): `Y` stripped the
Markdown and the links (an AutoModerator comment's `[normal comment rules](https://…)` became its
words, `**…**` went, each `---` three empty `>` lines, `User: u/mvea␠␠` lost its hard break); `y`
dropped every link's address, which `show` prints. Read back by the reader's own renderer, the
Markdown now draws as the passage did; a passage's own characters never become structure."""

from __future__ import annotations

from urllib.parse import unquote

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from tests.hostile import HOSTILE
from tui_reader.core.content.formatting import MARKDOWN, PLAIN, blocks, links, plain_text
from tui_reader.core.content.models import Comment, Review
from tui_reader.core.content.passages import located, opening, passage, whole
from tui_reader.core.content.user_records import Anchor
from tui_reader.core.personal.citing import citation
from tui_reader.core.personal.quoting import attributed, passage_of

AUTOMODERATOR = (  # as in /work/shared/corpora/reddit/reddit_comments.json
    "Welcome to r/science! So, **personal anecdotes are allowed as responses to this comment**. Our "
    "[normal comment rules]( https://www.reddit.com/r/science/wiki/rules#wiki_comment_rules) apply.\n\n---\n\n"
    "**Do you have an academic degree?** [Click here to apply](https://www.reddit.com/r/science/wiki/flair/).\n\n"
    "---\n\nUser: u/mvea  \nPermalink: https://www.brown.edu/news/2025-04-02/wealth-mortality-gap\n\n---\n\n"
    "*I am a bot.*"
)
RULES = "https://www.reddit.com/r/science/wiki/rules#wiki_comment_rules"


def norm(text: str) -> str:
    return " ".join(text.split())


def drawn(text: str, kind: str) -> tuple[str, list[tuple[str, str]]]:
    """What the reader draws of a body: its words (a spoiler's set apart) and its links."""
    found = blocks(text, kind)
    return norm(plain_text(text, kind, printed=True)), [(link.text, unquote(link.url)) for link in links(found)]


def test_y_prints_links_as_show_does_and_Y_keeps_the_markdown() -> None:
    copied = whole([blocks(AUTOMODERATOR, MARKDOWN)])
    assert copied.printed == plain_text(AUTOMODERATOR, MARKDOWN, printed=True)  # one way to say a link
    assert f"normal comment rules ({RULES})" in copied.printed
    assert "Permalink: https://www.brown.edu/news/2025-04-02/wealth-mortality-gap\n" in copied.printed  # said once
    lines = copied.markdown.splitlines()
    assert f"[normal comment rules]({RULES})" in lines[0] and "**personal anecdotes are allowed" in lines[0]
    assert lines.count("---") == 3 and copied.markdown.count("\n\n---\n\n") == 3  # a rule: one line, no empty ones
    assert "User: u/mvea\\" in lines and lines[lines.index("User: u/mvea\\") + 1].startswith("Permalink: ")
    assert lines[-1] == "*I am a bot.*"
    assert drawn(copied.markdown, MARKDOWN) == drawn(AUTOMODERATOR, MARKDOWN)
    quoted = attributed(copied.markdown, "AutoModerator, *t*")
    assert all(line.startswith(">") for line in quoted.splitlines())
    assert [block.quote for block in blocks(quoted, MARKDOWN)] == [1] * len(blocks(quoted, MARKDOWN))


def test_a_sentence_with_a_link_keeps_it_both_ways() -> None:
    body = "First words. See [the rules](https://x.org/r_(1)) and *why*. Last."
    text = plain_text(body, MARKDOWN)
    start = text.index("See")
    chosen = passage([blocks(body, MARKDOWN)], {0: (start, text.index(" Last"))})
    assert chosen.text == "See the rules and why."
    assert chosen.printed == "See the rules (https://x.org/r_(1)) and why."
    assert chosen.markdown == "See [the rules](https://x.org/r_\\(1\\)) and *why*."
    assert drawn(chosen.markdown, MARKDOWN) == (chosen.printed, [("the rules", "https://x.org/r_(1)")])


def test_a_list_a_quote_and_code_keep_their_shape() -> None:
    body = "> quoted *x*\n\n- one\n- two\n  1. nested\n\n```\n# not a heading\n```"
    copied = whole([blocks(body, MARKDOWN)])
    assert copied.markdown.splitlines() == [
        "> quoted *x*",
        "",
        "- one",
        "- two",
        "  1. nested",
        "",
        "```",
        "# not a heading",
        "```",
    ]
    assert [(b.text, b.quote, b.indent > 0) for b in blocks(copied.markdown, MARKDOWN)] == [
        (b.text, b.quote, b.indent > 0) for b in blocks(body, MARKDOWN)
    ]


def test_a_kept_quote_is_found_again_in_its_review_across_paragraphs() -> None:
    review = Review("r", "T", "x.json", ("Intro. A [link](https://a.org/).", "**Bold** next."), format="reddit")
    quote = "A link.\n\nBold next."
    found = passage_of(review, Anchor("r", paragraph=0), quote)
    assert found.markdown == "A [link](https://a.org/).\n\n**Bold** next."
    assert found.text == quote
    gone = passage_of(review, Anchor("r", paragraph=0), "Not *there*.")  # the review changed: as it reads
    assert gone.markdown == "Not \\*there\\*." and gone.printed == "Not *there*."
    on_comment = Review("r", "T", "x", (), comments=(Comment("c", "Hi *you*.", "ann"),), format="reddit")
    assert passage_of(on_comment, Anchor("r", comment_id="c"), "you.").markdown == "*you*."
    assert located(iter(()), "x") is None


WORDS = st.sampled_from(
    [
        "word",
        "**bold**",
        "*em*",
        "_under_",
        "~~gone~~",
        "`co de`",
        "``a`b``",
        "[w](https://x.org/a_(b))",
        "https://e.com/x?a=1&b=2",
        "[t](mailto:a@b.org)",
        "&amp;",
        "a|b",
        "1.x",
        "#tag",
        "\\*",
        "<b>",
        "x_y_z",
        ">!hid den!<",
    ]
)
SEPARATORS = st.sampled_from([" ", " ", " ", "\n", "  \n", "\n\n", "\n\n- ", "\n\n1. ", "\n\n> ", "\n\n---\n\n"])
PROSE = st.lists(st.tuples(WORDS, SEPARATORS), max_size=14).map(lambda pairs: "".join(w + s for w, s in pairs))


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(body=PROSE)
@example(body="User: u/mvea  \nPermalink: x\n\n---\n\n*end*")
def test_Y_markdown_draws_as_the_passage_did(body: str) -> None:
    copied = whole([blocks(body, MARKDOWN)])
    assert copied.text == plain_text(body, MARKDOWN)
    assert drawn(copied.markdown, MARKDOWN) == drawn(body, MARKDOWN)


ANY_TEXT = st.text(st.characters(exclude_characters="\x00"), max_size=80)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(body=st.lists(st.sampled_from(HOSTILE) | ANY_TEXT, max_size=4).map("\n".join), start=st.integers(0, 200))
@example(body="0\u2028 0", start=0)
def test_a_passages_own_characters_never_become_markdown(body: str, start: int) -> None:
    """Plain text (every character of it text) copied with `Y`: read back inside its quote, no
    heading, list, fence, table, HTML, link or emphasis, and every line still in the quote."""
    found = blocks(body, PLAIN)
    text = plain_text(body, PLAIN)
    chosen = passage([found], {0: (min(start, len(text)), len(text))})
    hostile = Review("r", "[t](https://evil.example)", "x.txt", (body,), author="a*b", date="*2024*")
    quoted = attributed(chosen.markdown, citation(hostile, Anchor("r", paragraph=0)).markdown())
    # lines end at `\n` only, as Markdown's do (`splitlines` also cuts at U+2028: Hypothesis's find)
    assert all(line.startswith(">") for line in quoted.rstrip("\n").split("\n"))
    tokens = MarkdownIt("commonmark").enable(["strikethrough", "table"]).parse(quoted)
    allowed = {"blockquote_open", "blockquote_close", "paragraph_open", "inline", "paragraph_close"}
    allowed |= {
        "bullet_list_open",
        "bullet_list_close",
        "list_item_open",
        "list_item_close",
    }  # `- ` lines of plain text
    assert {t.type for t in tokens} <= allowed
    inline = {child.type for t in tokens for child in t.children or ()}
    assert inline <= {"text", "softbreak", "hardbreak", "link_open", "link_close", "em_open", "em_close"}
    assert norm(plain_text(quoted, MARKDOWN)).startswith(norm(chosen.text)) if chosen.text.isprintable() else True


HAMLET = (
    "Personally, I was fine with the cut material. One of the omissions were the duo of Rosencrantz and"
    " Guildenstern; who's function were to reveal the dark side to Hamlet, when he has them ruthlessly killed"
    " without remorse. While this is not included in the film, there is still a dark edge."
)


def test_a_notes_context_is_its_paragraphs_opening_sentences_not_half_of_one() -> None:
    """The Markdown export quoted "…when he has them ruthlessly…" where the sentence ended three words on."""
    (unit,) = [blocks(HAMLET, PLAIN)]
    assert opening(unit, 200).text == HAMLET[: HAMLET.index("remorse.") + len("remorse.")]
    assert opening(unit, 120).text == "Personally, I was fine with the cut material."  # the next ends too far on


def test_one_long_sentence_is_cut_at_a_word_and_said_to_go_on() -> None:
    text = "This " + "remarkably " * 40 + "long sentence ends here. Then more."
    cut = opening(blocks(text, PLAIN), 100).text
    assert cut.endswith("remarkably…") and len(cut) <= 101


@given(st.text(alphabet=st.sampled_from("ab .!?\n…"), max_size=400), st.integers(10, 300))
def test_an_opening_is_always_the_bodys_own_start(body: str, limit: int) -> None:
    unit = blocks(body, PLAIN)
    text = opening(unit, limit).text
    whole_text = whole([unit]).text
    assert whole_text.startswith(text.removesuffix("…"))
    if len(whole_text) > limit:  # a cut: within half as much again, plus its ellipsis
        assert len(text) <= limit * 3 // 2 + 1
    else:
        assert text == whole_text
