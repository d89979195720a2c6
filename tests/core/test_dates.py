"""Dates shown as a reader reads them, whatever ISO form an importer stored."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from tui_reader.core.content.dates import readable_date


def test_the_forms_importers_store() -> None:
    assert readable_date("2020-06-06") == "2020-06-06"
    assert readable_date("2012-07-11T00:00:00Z") == "2012-07-11"  # a unix day: no midnight shown
    assert readable_date("2012-09-03T17:14:52") == "2012-09-03 17:14"
    assert readable_date("yesterday") == "yesterday"
    assert readable_date("2012-13-45") == "2012-13-45"  # not a date: shown as it is
    assert readable_date("") == ""


@given(st.datetimes(min_value=datetime(1971, 1, 2), max_value=datetime(2100, 1, 1)))
def test_a_zoned_time_is_the_readers_own_minute(moment: datetime) -> None:
    zoned = moment.replace(tzinfo=UTC, microsecond=0)
    shown = readable_date(zoned.isoformat())
    if zoned.time() == zoned.replace(hour=0, minute=0, second=0).time():
        assert shown == zoned.strftime("%Y-%m-%d")
    else:
        local = zoned.astimezone()
        assert shown in (local.strftime("%Y-%m-%d %H:%M"), local.strftime("%Y-%m-%d"))
        assert abs(datetime.fromisoformat(shown).replace(tzinfo=local.tzinfo) - local) < timedelta(minutes=1)
