"""Dates shown as a reader reads them, whatever ISO form an importer stored."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from tui_reader.core.content.dates import readable_date, relative_age


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


NOW = datetime(2026, 6, 15, 12, 0, tzinfo=UTC)


def test_ages_in_the_units_a_list_column_fits() -> None:
    assert relative_age("2026-06-15T11:59:30Z", NOW) == "now"
    assert relative_age("2026-06-15T11:55:00Z", NOW) == "5 min"
    assert relative_age("2026-06-15T09:00:00+00:00", NOW) == "3 h"
    assert relative_age("2026-06-13T12:00:00Z", NOW) == "2 d"
    assert relative_age("2026-01-10T12:00:00Z", NOW) == "5 mo"
    assert relative_age("2024-06-01T00:00:00Z", NOW) == "2 y"
    assert relative_age("2012-09-03T17:14:52+02:00", NOW) == "13 y"


def test_the_future_and_what_is_not_a_date() -> None:
    assert relative_age("2030-01-01T00:00:00Z", NOW) == "now"  # a clock ahead of ours
    assert relative_age("yesterday", NOW) == ""
    assert relative_age("2012-13-45", NOW) == ""
    assert relative_age("", NOW) == ""
    assert relative_age(None, NOW) == ""


def test_a_date_without_a_zone_is_local_time() -> None:
    local_noon = NOW.astimezone().replace(tzinfo=None) - timedelta(days=3)
    assert relative_age(local_noon.isoformat(), NOW) == "3 d"
    assert relative_age("2026-06-14", NOW) in ("1 d", "2 d")  # midnight local, a day or so ago


def test_without_a_now_it_asks_the_clock() -> None:
    assert relative_age("1990-01-01") not in ("", "now")


@given(st.text())
def test_any_text_gives_an_age_or_nothing(text: str) -> None:
    age = relative_age(text, NOW)
    assert age == "" or age == "now" or age.split(" ")[1] in ("min", "h", "d", "mo", "y")


@given(st.datetimes(timezones=st.timezones()), st.datetimes(timezones=st.just(UTC)))
def test_any_stored_moment_gives_an_age(moment: datetime, now: datetime) -> None:
    age = relative_age(moment.isoformat(), now)
    assert age  # every ISO moment is placed, however far off
    assert (age == "now") == (now - moment < timedelta(minutes=1))
