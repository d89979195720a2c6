"""How a page's address is said to a reader: its letters as a browser's address bar shows them."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui_reader.core.content.pages import Page, short_address


@pytest.mark.parametrize(
    ("url", "said"),
    [
        (  # a WordPress permalink with a Chinese slug read `xampp%e9%85%8d…`
            "http://jenkin.fun/2018/09/13/xampp%e9%85%8d%e7%bd%ae%e5%a4%9a%e7%ab%99%e7%82%b9/",
            "jenkin.fun/2018/09/13/xampp配置多站点/",
        ),
        ("https://www.example.org/a%20b%2Fc", "example.org/a%20b%2Fc"),  # ASCII escapes kept
        ("https://example.org/%ff%fe", "example.org/%ff%fe"),  # no UTF-8 text: kept
        ("https://example.org/x%e2%80%8by", "example.org/x%e2%80%8by"),  # a zero-width space: kept
        ("https://example.org/%e2%80%aeevil", "example.org/%e2%80%aeevil"),  # a direction override: kept
        ("https://fr.example/%C3%A9t%C3%A9", "fr.example/été"),
    ],
)
def test_an_address_is_said_with_its_letters(url: str, said: str) -> None:
    assert short_address(url) == said
    assert Page(url).said() == said
    assert Page(url).url == url  # what `O` opens and `Y` cites is the address itself


@given(st.text())
def test_a_said_address_holds_no_control_or_space_the_address_did_not(path: str) -> None:
    said = short_address("https://example.org/" + quote(path, safe=""))
    assert said.isprintable()
    assert not any(char.isspace() for char in said)
