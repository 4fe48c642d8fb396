"""Caption files as a user brings them: SRT and WebVTT from editors and platforms (BOM, CRLF,
UTF-16, styling tags, overlapping cues, cue settings, NOTE blocks), each mistake named as one
line with the file and line, and an SRT written by LiveAssets read back equal (by LiveAssets
and by the `srt` library a receiving program would use)."""

import codecs

import pytest
import srt

from liveassets.cuts import subtitles as S
from liveassets.cuts.plan import CutPlan
from liveassets.cuts.validate import validate

SRT = ("1\n00:00:01,000 --> 00:00:02,500\n<i>Welcome</i> to the <b>show</b>\nsecond line\n\n"
       "2\n00:00:02,000 --> 00:00:04,000 X1:10 X2:20\n{\\an8}<font color=\"#ff0\">Sydney</font> 🎉\n\n"
       "3\n00:01:00,250 --> 00:01:01,000\n字幕\n")


def write(tmp_path, name, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_srt_with_bom_crlf_tags_and_overlap_reads_as_a_player_shows_it(tmp_path):
    data = codecs.BOM_UTF8 + SRT.replace("\n", "\r\n").encode()
    cues = S.read(write(tmp_path, "talk.srt", data))
    assert cues == [S.Cue(1.0, 2.5, "Welcome to the show\nsecond line"),
                    S.Cue(2.0, 4.0, "Sydney 🎉"),  # overlaps the first: kept
                    S.Cue(60.25, 61.0, "字幕")]


def test_utf16_srt_from_notepad_reads_the_same(tmp_path):
    data = codecs.BOM_UTF16_LE + SRT.replace("\n", "\r\n").encode("utf-16-le")
    assert S.read(write(tmp_path, "talk.srt", data)) == S.parse_srt(SRT)


def test_webvtt_with_header_notes_ids_settings_voices_and_entities(tmp_path):
    vtt = ("WEBVTT - exported\nKind: captions\nLanguage: en\n\n"
           "NOTE made by an editor\nover two lines\n\n"
           "STYLE\n::cue { color: yellow }\n\n"
           "intro\n00:01.000 --> 00:02.500 align:start line:0\n<v Roger>Hi &amp; <c.loud>welcome</c>"
           " <00:01.500>all\n\n"
           "01:00:00.000 --> 01:00:01.500\nan hour in\n")
    cues = S.read(write(tmp_path, "talk.vtt", vtt.encode()))
    assert cues == [S.Cue(1.0, 2.5, "Hi & welcome all"), S.Cue(3600.0, 3601.5, "an hour in")]


def test_a_webvtt_file_named_srt_is_read_as_webvtt(tmp_path):
    cues = S.read(write(tmp_path, "wrong.srt", b"WEBVTT\n\n00:01.000 --> 00:02.000\nhi\n"))
    assert cues == [S.Cue(1.0, 2.0, "hi")]


@pytest.mark.parametrize("name, text, line, words", [
    ("a.srt", "1\n00:00:01,000 --> 00:00:02,000\nhi\n\n2\n00:00:03,000 -> 00:00:04,000\nyo\n",
     6, "00:00:03,000 -> 00:00:04,000"),
    ("a.srt", "hello there\n", 1, "hello there"),
    ("a.srt", "1\n00:00:05,000 --> 00:00:02,000\nhi\n", 2, "ends (00:00:02,000) before"),
    ("a.vtt", "1\n00:00:01,000 --> 00:00:02,000\nhi\n", 1, "WEBVTT"),
    ("a.vtt", "WEBVTT\n\n00:01.000 --> 00:0x.000\nhi\n", 3, "00:0x.000"),
    ("a.vtt", "WEBVTT\n\nintro\nhello\n", 4, "hello"),
    ("a.vtt", "WEBVTT\n\n00:03.000 --> 00:02.000\nhi\n", 3, "ends (00:02.000)"),
    # times no clock shows: read as 100:40:39 before, or a traceback (int too large)
    ("a.srt", "1\n00:00:01,000 --> 00:00:02,000\nhi\n\n2\n99:99:99,000 --> 99:99:99,500\nx\n",
     6, '"99:99:99,000" is not'),
    ("a.srt", "1\n00:61:00,000 --> 00:61:01,000\nhi\n", 2, '"00:61:00,000" is not'),
    ("a.srt", "1\n99999999999999999:00:00,000 --> 99999999999999999:00:01,000\nhi\n", 2,
     '"99999999999999999:00:00,000" is not'),
    ("a.vtt", "WEBVTT\n\n99999999999999999:00:00.000 --> 99999999999999999:00:01.000\nhi\n", 3,
     '"99999999999999999:00:00.000" is not'),
])
def test_a_bad_line_is_one_message_naming_the_file_and_line(tmp_path, name, text, line, words):
    with pytest.raises(S.SubtitleError) as err:
        S.read(write(tmp_path, name, text.encode()))
    message = str(err.value)
    assert "\n" not in message
    assert message.startswith(f"{name} line {line}:") and words in message


@pytest.mark.parametrize("name, data, words", [
    ("empty.srt", b"", "holds no captions"),
    ("notes.vtt", b"WEBVTT\n\nNOTE only a note\n", "holds no captions"),
    ("latin1.srt", "1\n00:00:01,000 --> 00:00:02,000\ncaf\xe9\n".encode("latin-1"), "not UTF-8"),
    ("clip.mp4", b"\x00\x00\x00\x18ftypmp42", "not a caption file"),
])
def test_files_that_hold_no_captions_are_named(tmp_path, name, data, words):
    with pytest.raises(S.SubtitleError if name != "latin1.srt" else ValueError) as err:
        S.read(write(tmp_path, name, data))
    assert words in str(err.value) and name in str(err.value)


def test_a_folder_or_missing_file_is_one_line(tmp_path):
    for path in (tmp_path, tmp_path / "gone.srt"):
        with pytest.raises(S.SubtitleError.__mro__[1]) as err:  # UserFileError
            S.read(path)
        assert "\n" not in str(err.value)


def test_sidecar_srt_reads_back_equal_here_and_with_the_srt_library(tmp_path):
    cues = [S.cue(0.5, 1.7333, "Hello 👋🏽"), S.cue(1.2, 2.0, "two\nlines"),
            S.cue(3661.001, 3662.5, "字幕 テスト")]
    path = S.write_srt(cues, tmp_path / "cut.srt")
    assert S.read(path) == cues
    parsed = list(srt.parse(open(path, encoding="utf-8").read()))
    assert [(s.index, s.start.total_seconds(), s.end.total_seconds(), s.content)
            for s in parsed] == [(1, 0.5, 1.733, "Hello 👋🏽"), (2, 1.2, 2.0, "two\nlines"),
                                 (3, 3661.001, 3662.5, "字幕 テスト")]
    with pytest.raises(Exception) as err:  # never replaces a file unless asked
        S.write_srt(cues, path)
    assert "exists" in str(err.value)


def test_plan_keeps_captions_through_plan_json_and_validate_names_bad_ones(tmp_path):
    plan = CutPlan.from_dict({"name": "c", "segments": [], "captions": [
        {"start": 0.5, "end": 1.0, "text": "ok"},
        {"start": 2.0, "end": 1.0, "text": "backwards"},
        {"start": "x", "end": 1.0, "text": "not a number"},
        {"start": 0.0, "end": 1.0, "text": ""},
        {"start": 0.0, "end": 1.0, "text": "x" * 200},
        {"start": 0.0, "end": 1.0, "text": "ok", "colour": "red"},
        "just text",
        {"start": 0.0, "end": 1.0, "text": "y" * 100}]})
    again = CutPlan.from_dict(plan.to_dict())
    assert again.captions == plan.captions
    assert S.from_plan(again.captions) == [S.Cue(0.0, 1.0, "x" * 200), S.Cue(0.0, 1.0, "ok"),
                                           S.Cue(0.0, 1.0, "y" * 100), S.Cue(0.5, 1.0, "ok")]
    said = {str(p) for p in validate(plan) if p.where.startswith("timed caption")}
    assert any(s.startswith("Timed caption 2: ends (1 s) before it starts (2 s)") for s in said)
    assert any(s.startswith("Timed caption 3: start and end must be numbers") for s in said)
    assert any(s.startswith("Timed caption 4: has no text") for s in said)
    assert any(s.startswith("Timed caption 5: is 200 characters") for s in said)
    assert any(s.startswith('Timed caption 6: unknown field "colour"') for s in said)
    assert any(s.startswith("Timed caption 7: must be an object") for s in said)
    assert not any(s.startswith("Timed caption 1:") for s in said)
    long = [p for p in validate(plan) if p.where == "timed caption 8"]
    assert len(long) == 1 and long[0].warning and "more than two lines of 42" in long[0].message


def test_a_caption_no_font_can_draw_is_warned_about():
    plan = CutPlan.from_dict({"name": "c", "segments": [],
                              "captions": [{"start": 0, "end": 1, "text": "Live \U000F0001"}]})
    warned = [p for p in validate(plan) if p.where == "timed caption 1"]
    assert warned and warned[0].warning and "U+F0001" in warned[0].message


def test_a_huge_file_or_too_many_cues_is_refused_before_use(tmp_path):
    big = write(tmp_path, "big.srt", b"1\n" + b"x" * (S.MAX_FILE_BYTES + 1))
    with pytest.raises(ValueError) as err:
        S.read(big)
    assert "big.srt" in str(err.value) and "\n" not in str(err.value)
    many = "".join(f"{i}\n00:00:{i // 1000:02d},{i % 1000:03d} --> 00:00:{i // 1000:02d},"
                   f"{i % 1000 + 1:03d}\nx\n\n" for i in range(1, S.MAX_CUES + 2))
    with pytest.raises(S.SubtitleError) as err:
        S.read(write(tmp_path, "many.srt", many.encode()))
    assert f"at most {S.MAX_CUES}" in str(err.value)
