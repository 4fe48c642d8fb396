"""A recap whose sources share no channel keeps "no channel" in its own rights (helper
"breaker"): once its sources are removed from the library and someone clears it by hand, it is
still blocked on every platform. Before, its channels were stored as [] (which reads as every
channel), so it went out on YouTube, TikTok, anything."""

from liveassets.catalog.channels import NAMES, channels_of
from liveassets.catalog.rights import may_publish
from test_rights_channels import _render, lib  # noqa: F401  (fixture)


def test_a_no_channel_render_stays_blocked_after_its_sources_are_removed(lib, tmp_path):
    lib.set_rights([lib.ids["free"]], channels="instagram")
    render = _render(lib, tmp_path, "tiktok_only.jpg", "anywhere.jpg")
    assert channels_of(render["rights"]) == frozenset()
    lib.remove_assets([lib.ids["free"], lib.ids["tiktok"]])
    lib.set_rights([render["id"]], status="cleared")
    render = lib.get(render["id"])
    for platform in ("tiktok", "instagram", "youtube", "x"):
        why = may_publish(render, catalog=lib, platform=platform)
        assert not why and why.reason == f"cleared for no channel, not {NAMES[platform]}"
    assert render["id"] not in {a["id"] for a in lib.query("channel:youtube")}
