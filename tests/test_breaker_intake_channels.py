"""A manifest's channels joined with "&" or "+" (helper "breaker"): "Instagram & TikTok" clears
the file for both, instead of leaving it pending with "permitted channels (Instagram & TikTok)
name none of TikTok, Instagram, YouTube, X"; nothing joined so widens a limit."""

import pytest

from test_rights_channels import test_intake_stores_a_row_s_channels as run_intake


@pytest.mark.parametrize("cell, status, channels", [
    ("Instagram & TikTok", "cleared", ["tiktok", "instagram"]),
    ("TikTok + YouTube Shorts", "cleared", ["tiktok", "youtube"]),
    ("Instagram Reels & Stories", "cleared", ["instagram"]),
    ("TikTok (not Instagram)", "cleared", ["tiktok"]),
])
def test_intake_reads_channels_joined_with_and_signs(tmp_path, capsys, cell, status, channels):
    run_intake(tmp_path, capsys, cell, status, channels)
