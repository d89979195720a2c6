"""`tui-reader show` says no Steam or Yelp user id as the author (the list's rows and `Y` do not)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tui_reader.cli import main
from tui_reader.core.content.ids import stable_id


def test_show_leaves_out_an_author_who_is_an_id_and_json_keeps_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    record = {"review_id": "BiTunyQ73aT9WBnpR9DZGw", "user_id": "OyoGAe7OKpv6SyGZT5g77Q",
              "business_id": "7ATYjTIgM3jUlt4UM3IypQ", "stars": 4.0, "useful": 0, "funny": 0, "cool": 0,
              "text": "The bikes are new.", "date": "2012-01-03 15:28:18"}  # fmt: skip
    (tmp_path / "review.json").write_text(json.dumps(record) + "\n")
    assert main(["import", str(tmp_path / "review.json")]) == 0
    capsys.readouterr()
    review_id = stable_id("yelp", "BiTunyQ73aT9WBnpR9DZGw")
    assert main(["show", review_id]) == 0
    shown = capsys.readouterr().out
    assert "The bikes are new." in shown and "2012" in shown
    assert "OyoGAe7OKpv6SyGZT5g77Q" not in shown
    assert main(["show", review_id, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["author"] == "OyoGAe7OKpv6SyGZT5g77Q"  # the data, as the file has it
