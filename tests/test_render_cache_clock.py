"""The time in the render cache's key: a page shows an event the same at any two moments
between the same two of its state changes (Event.state_changes, Event.state_at), so a kept
page is rendered again exactly when the clock passes one of them (a deadline, a start, an
end, a series' date), and not at every build."""

from datetime import timedelta

import pytest

from events.jsonld import event_jsonld
from events.view import EventView
from support import article_with_event, clock

START = clock("2025-02-20 00:00")
KINDS = {
    "deadline": {"event_rsvp_deadline": "2025-03-03 12:00"},
    "optional": {"event_rsvp": "optional"},
    "none": {"event_rsvp": "none"},
    "series": {"event_repeat": "weekly", "event_repeat_until": "2025-03-26",
               "event_except": "2025-03-19"},
    "all-day, two days": {"event_start": "2025-03-08", "event_end": "2025-03-09"},
    "overnight": {"event_start": "2025-03-05 20:00", "event_end": "2025-03-06 02:00"},
    "cancelled": {"event_status": "cancelled"},
    "postponed": {"event_status": "postponed"},
}


def events():
    return {kind: article_with_event(**fields) for kind, fields in KINDS.items()}


ARTICLES = events()


def shown(article, now):
    """What the event's page and cards show of it at `now`."""
    view = EventView(article, now, "pl")
    return (view.phase, view.shows, view.occurrence.start, [o.start for o in view.coming],
            view.skipped, view.rsvp_closes, view.etr_sign_up, view.span,
            view.series_in_google, article.event.is_upcoming(now),
            event_jsonld(article.event, "https://example.org/", now=now))


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_between_two_state_changes_a_page_shows_the_same(kind):
    # Every half hour for six weeks (the events' times are on the hour or half hour): where
    # two moments in a row fall in the same stretch, the page shows the same.
    article = ARTICLES[kind]
    assert not getattr(article, "event_problems", None), kind
    moments = [START + timedelta(minutes=30 * i) for i in range(2 * 24 * 42)]
    for earlier, later in zip(moments, moments[1:]):
        if article.event.state_at(earlier) == article.event.state_at(later):
            assert shown(article, earlier) == shown(article, later), (kind, later)


def test_each_state_change_is_one_the_page_shows():
    # Not a list of every instant whatever: a page whose RSVPs close must change there.
    article = ARTICLES["deadline"]
    deadline = clock("2025-03-03 12:00")
    assert deadline in article.event.state_changes
    before, at = deadline - timedelta(minutes=1), deadline
    assert article.event.state_at(before) != article.event.state_at(at)
    assert shown(article, before) != shown(article, at)
