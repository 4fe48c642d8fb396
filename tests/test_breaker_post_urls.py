"""Hostile published-post URLs (helper "breaker", issue #13): a malformed host, a full-width
post ID, a handle with markup and a 100,000-character paste each give one short line naming
the URL and the shape expected; none is stored."""

import pytest

from liveassets.errors import UserError
from liveassets.publish.post_urls import post_id_from_url

LONG = "https://www.tiktok.com/@a/video/" + "1" * 100_000


@pytest.mark.parametrize("platform,url", [
    ("tiktok", "https://[::1/@a/video/7300000000000000005"),        # unclosed IPv6 bracket
    ("x", "https://[not-an-address]/a/status/1800000000000000001"),
    ("tiktok", "https://www.tiktok.com/@a/video/７３００００００００００００００００５"),  # full-width
    ("x", "https://x.com/a/status/１８００００００"),
    ("tiktok", 'https://www.tiktok.com/@a"><script>/video/7300000000000000005'),
    ("instagram", "https://www.instagram.com/p/DA2rEhEarsl/and/more"),
    ("tiktok", LONG),
])
def test_a_hostile_url_is_one_short_line(platform, url):
    with pytest.raises(UserError) as err:
        post_id_from_url(platform, url)
    message = str(err.value)
    assert "\n" not in message and len(message) < 400
    assert "http" in message  # names the URL, and the shape a post link has


def test_the_x_share_link_without_a_handle_is_a_post():
    assert post_id_from_url("x", "https://x.com/i/web/status/1800000000000000001") == (
        "https://x.com/i/web/status/1800000000000000001", "1800000000000000001")
