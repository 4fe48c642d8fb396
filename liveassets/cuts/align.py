"""A pasted script aligned to the cut's speech: each word's time in the cut, then caption lines
of a readable length (cuts/subtitles.Cue), all offline.

The aligner is pocketsphinx 5 (CMU Sphinx): its US English acoustic model and pronouncing
dictionary ship inside the wheel (`pocketsphinx.get_model_path()`), so nothing is downloaded.
`Decoder.set_align_text` builds a grammar of exactly the script's words with optional silence
between them; decoding the cut's sound (mixed as the render mixes it, without the music bed,
at 16 kHz mono) gives each word's first and last 10 ms frame.

What the library does not do, done here:
- Windows. When the speech stops matching the script (a word said differently, a cheer over
  it), the best path ends early and the rest of the audio becomes one long silence (measured on
  espeak-ng speech: "welcome to the show" then 2 s of <sil>); one grammar of 26 words over 14 s
  gave no path at all, while its first 18 words placed 14. So the script is aligned
  WINDOW_WORDS words at a time over about as much sound as they take, the words placed (less
  the last, whose end may be stretched) are kept, and the next window starts after them.
- Finding the place again. Words that fit nowhere near (said after a long silence or a stretch
  of sound the script does not hold) are tried from the starts of the next RESYNC_PHRASES
  phrases (sound after PHRASE_GAP of silence); after such a jump one word alone is not trusted.
  A word that fits nowhere was not said (or not recognisably) and is skipped.
- Unknown words. Words the dictionary lacks (names, numbers: "TikTok", "2026") get a spelled
  pronunciation (guess_phones); words never placed get times shared out between their placed
  neighbours by length, and are marked `estimated`.

Caption lines follow Netflix's English Timed Text Style Guide (the most cited public rule set):
at most 42 characters a line and 2 lines a caption, on screen between 5/6 s and 7 s; a caption
also ends at a sentence's end and at a pause of PAUSE seconds (BBC Subtitle Guidelines: break
at natural pauses and clause ends).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import numpy as np

from liveassets.cuts.subtitles import Cue, cue
from liveassets.errors import UserError
from liveassets.jobs import CancelToken, Progress, ProgressFn, no_progress

RATE = 16_000  # what the bundled acoustic model was trained at (its feat.params: -samprate)
FRAME = 0.01  # seconds per decoder frame (pocketsphinx's default -frate 100)
# Wider beams than the defaults (1e-48): an alignment grammar is tiny, so a wide search costs
# little, and the default beams lost the path on synthetic speech (measured: 4 of 8 words).
BEAMS = {"beam": 1e-80, "wbeam": 1e-60, "pbeam": 1e-80}
RESYNC_PHRASES = 3  # phrases ahead tried when the script stops matching the sound
PHRASE_GAP = 0.3  # seconds of silence that end a phrase (speech pauses between phrases)
WORD_SECONDS = 0.45  # a slow speaking pace: 133 words a minute (conversational is 150-160)
WINDOW_SLACK = 3.0
WINDOW_WORDS = 12  # words aligned at a time (a whole script at once lost its path: see above)
MAX_SCRIPT_WORDS = 5000  # ten minutes of fast speech (about 200 words a minute) is 2,000
MAX_SCRIPT_BYTES = 200_000

MAX_LINE_CHARS = 42  # Netflix English Timed Text Style Guide
MAX_LINES = 2
MIN_SECONDS = 5 / 6  # Netflix: minimum duration 5/6 s (20 frames at 24 fps)
MAX_SECONDS = 7.0
PAUSE = 0.6  # seconds of silence between words that end a caption
SENTENCE_END = re.compile(r"[.!?…。！？]['\"”’)\]]*$")


class AlignError(UserError):
    """A script or a cut that cannot be aligned (empty script, a cut without sound)."""


@dataclass(frozen=True)
class Word:
    """A word of the script as written, with its time in the cut (seconds). `estimated`: not
    heard by the aligner (unknown to its dictionary or not found) but placed between the words
    around it."""

    text: str
    start: float
    end: float
    estimated: bool = False


@dataclass(frozen=True)
class Alignment:
    words: list[Word]
    cues: list[Cue]

    @property
    def estimated(self) -> int:
        return sum(w.estimated for w in self.words)

    def counts(self) -> str:
        """'3 caption lines from 12 words' ('1 caption line from 1 word'), plus how many words
        were placed by estimate: the one wording the CLI and the window print."""
        lines, words, guessed = len(self.cues), len(self.words), self.estimated
        text = (f"{lines} caption line{'s' if lines != 1 else ''} from {words} "
                f"word{'s' if words != 1 else ''}")
        if guessed:
            text += (f"; {guessed} not heard, placed between their neighbours (check "
                     f"{'it' if guessed == 1 else 'them'})")
        return text


# -- the script ---------------------------------------------------------------------------------
def script_words(script: str) -> list[str]:
    """The words of a script as written (split at white space; punctuation stays on its word)."""
    if not isinstance(script, str):
        return []
    return unicodedata.normalize("NFC", script).split()


def dictionary_key(word: str) -> str:
    """The pronouncing dictionary's spelling of a written word: lower case, curly apostrophes
    made straight, punctuation around it removed ("Sydney!" -> "sydney", "Don’t" -> "don't")."""
    w = word.lower().replace("\u2019", "'").replace("\u2018", "'")
    return re.sub(r"^[^\w']+|[^\w']+$", "", w).strip("'")


# Spelling -> CMU phones for words the dictionary lacks ("TikTok", "2026", a creator's handle):
# a rough guess, but one that takes about the right time to say, so the aligner keeps its place
# instead of losing the path at the first unknown word (measured: a script ending "on TikTok"
# lost its last three words without it). Digraphs first; a doubled letter is said once.
_DIGRAPHS = {"ch": "CH", "sh": "SH", "th": "TH", "ph": "F", "ng": "NG", "ck": "K", "qu": "K W",
             "ee": "IY", "ea": "IY", "oo": "UW", "ou": "AW", "ow": "OW", "ai": "EY", "ay": "EY",
             "oa": "OW", "oi": "OY", "oy": "OY", "au": "AO", "aw": "AO", "er": "ER", "ir": "ER",
             "ur": "ER", "wh": "W", "kn": "N"}
_LETTERS = {"a": "AE", "b": "B", "c": "K", "d": "D", "e": "EH", "f": "F", "g": "G", "h": "HH",
            "i": "IH", "j": "JH", "k": "K", "l": "L", "m": "M", "n": "N", "o": "AA", "p": "P",
            "q": "K", "r": "R", "s": "S", "t": "T", "u": "AH", "v": "V", "w": "W", "x": "K S",
            "y": "IY", "z": "Z"}
_DIGITS = ["Z IH R OW", "W AH N", "T UW", "TH R IY", "F AO R", "F AY V", "S IH K S",
           "S EH V AH N", "EY T", "N AY N"]


def guess_phones(key: str) -> str | None:
    """A rough CMU pronunciation of a word from its spelling (ASCII letters and digits; None
    when nothing in it can be said that way, e.g. an emoji)."""
    phones: list[str] = []
    w = re.sub(r"(.)\1", r"\1", key)
    if len(w) > 3 and w.endswith("e") and w[-2] not in "aeiou":
        w = w[:-1]  # a silent final e ("bike")
    i = 0
    while i < len(w):
        pair = w[i:i + 2]
        if pair in _DIGRAPHS:
            phones.append(_DIGRAPHS[pair])
            i += 2
            continue
        c = w[i]
        if c.isdigit() and c.isascii():
            phones.append(_DIGITS[int(c)])
        elif c in _LETTERS:
            phones.append("Y" if c == "y" and i == 0 else _LETTERS[c])
        i += 1
    return " ".join(phones) or None


# -- aligning --------------------------------------------------------------------------------------
def _decoder():
    from pocketsphinx import Decoder

    return Decoder(samprate=RATE, loglevel="FATAL", **BEAMS)


def _known(decoder, key: str) -> bool:
    """key is in the decoder's dictionary, added with guess_phones() if it was not."""
    if not key or " " in key:
        return False
    if decoder.lookup_word(key) is not None:
        return True
    phones = guess_phones(key)
    if phones is None:
        return False
    try:
        decoder.add_word(key, phones, True)
    except (RuntimeError, ValueError):
        return False
    return decoder.lookup_word(key) is not None


def _pass(decoder, pcm: np.ndarray, keys: list[str]) -> list[tuple[float, float]]:
    """One alignment of keys against pcm (int16 at RATE): (start, end) seconds of the first
    words placed, in order (fewer than keys when the path ended early)."""
    decoder.set_align_text(" ".join(keys))
    decoder.start_utt()
    decoder.process_raw(pcm.tobytes(), full_utt=True)
    decoder.end_utt()
    if decoder.hyp() is None:
        return []
    out = []
    for seg in decoder.seg():
        word = re.sub(r"\(\d+\)$", "", seg.word)  # "to(3)": the third pronunciation of "to"
        if word.startswith(("<", "[", "+")):  # <s>, </s>, <sil>, [NOISE], fillers
            continue
        if len(out) >= len(keys) or word != keys[len(out)]:
            break
        out.append((seg.start_frame * FRAME, (seg.end_frame + 1) * FRAME))
    return out


def align(pcm: np.ndarray, script: str, cancel: CancelToken | None = None,
          progress: ProgressFn = no_progress) -> list[Word]:
    """Each word of script with its time in pcm (int16 mono at RATE; seconds from its first
    sample). Raises AlignError for an empty script or silent audio, Cancelled on cancel."""
    cancel = cancel or CancelToken()
    words = script_words(script)
    if not words:
        raise AlignError("The script is empty: paste the words that are spoken in the cut.")
    if len(words) > MAX_SCRIPT_WORDS:
        raise AlignError(f"The script has {len(words)} words; a cut's script has at most "
                         f"{MAX_SCRIPT_WORDS}. Paste only what is said in this cut.")
    span = speech_span(pcm)
    if span is None:
        raise AlignError("The cut has no sound to align the script to (its clips are silent "
                         "or muted).")
    decoder = _decoder()
    keys = [dictionary_key(w) for w in words]
    known = [i for i, k in enumerate(keys) if _known(decoder, k)]
    times: dict[int, tuple[float, float]] = {}
    pos, offset = 0, 0
    loud = loud_blocks(pcm)
    lost_at, hops = None, 0  # where the words stopped matching, and phrases tried since
    while pos < len(known):
        cancel.raise_if_cancelled()
        progress(Progress("Aligning the script", pos, len(known)))
        offset = _next_sound(loud, offset)
        todo = known[pos:]
        n = min(len(todo), WINDOW_WORDS)
        keep: list[tuple[float, float]] = []
        while n and not keep:
            # the last words get the rest of the sound; a window of words gets enough of it
            # for slow speech and pauses (the words after it are aligned in the next window)
            end = len(pcm) if n == len(todo) else _window_end(loud, offset, n)
            placed = _pass(decoder, pcm[offset:end], [keys[i] for i in todo[:n]])
            if len(placed) == n == len(todo) or len(placed) == n == 1:
                keep = placed
            else:  # the last word placed may have been stretched over what follows
                keep = placed[:-1] or placed[:1]
            if hops and len(keep) < min(2, len(todo)):
                keep = []  # after a jump ahead, one word is too little to trust the match
            if not keep:
                n //= 2
        if not keep:
            # The words do not fit the sound here. Either they are said later (after a long
            # silence or sound the script does not hold): try from the next phrases' starts;
            # or this word was not said (or not recognisably): back to where the match was
            # lost, without it (it is placed between its neighbours at the end).
            if lost_at is None:
                lost_at = offset
            nxt = _next_phrase(loud, offset)
            if nxt is not None and hops < RESYNC_PHRASES:
                offset, hops = nxt, hops + 1
                continue
            offset, lost_at, hops = lost_at, None, 0
            pos += 1
            continue
        lost_at, hops = None, 0
        for i, (s, e) in zip(todo, keep):
            times[i] = (s + offset / RATE, e + offset / RATE)
        pos += len(keep)
        offset = int(round(times[todo[len(keep) - 1]][1] * RATE))
        if offset >= len(pcm):
            break
    progress(Progress("Aligning the script", len(known), len(known)))
    return _fill(words, times, span)


def _fill(words: list[str], times: dict[int, tuple[float, float]],
          span: tuple[float, float]) -> list[Word]:
    """Words without a time placed in the gap between their timed neighbours (or the speech's
    start and end), each given a share of it by its length in characters."""
    out: list[Word | None] = [None] * len(words)
    for i, (s, e) in times.items():
        out[i] = Word(words[i], round(float(s), 3), round(float(e), 3))
    i = 0
    while i < len(words):
        if out[i] is not None:
            i += 1
            continue
        j = i
        while j < len(words) and out[j] is None:
            j += 1
        lo = out[i - 1].end if i > 0 else span[0]
        hi = out[j].start if j < len(words) else span[1]
        hi = max(hi, lo)
        weights = [len(w) + 1 for w in words[i:j]]
        t = lo
        for k, weight in zip(range(i, j), weights):
            step = (hi - lo) * weight / sum(weights)
            out[k] = Word(words[k], round(float(t), 3), round(float(t + step), 3),
                          estimated=True)
            t += step
        i = j
    return out  # type: ignore[return-value]


BLOCK = RATE // 50  # 20 ms: the loudness blocks silence is found with
FLOOR_DB = -45.0  # quieter than this (dBFS RMS over a block) counts as silence
NOISE_MARGIN = 10.0  # dB over the noise floor that counts as sound


def loud_blocks(pcm: np.ndarray, floor_db: float = FLOOR_DB) -> np.ndarray:
    """Indexes of the BLOCK-sample blocks of pcm (int16 at RATE) louder than floor_db, or than
    the recording's own noise floor (its quietest tenth of blocks) + NOISE_MARGIN dB when that
    is higher: a crowd or an air conditioner under the speech is not speech."""
    n = BLOCK
    if len(pcm) < n:
        return np.zeros(0, np.int64)
    blocks = pcm[: len(pcm) // n * n].astype(np.float32).reshape(-1, n) / 32768.0
    rms = np.sqrt((blocks ** 2).mean(axis=1))
    noise = float(np.percentile(rms, 10))
    floor = max(10 ** (floor_db / 20), noise * 10 ** (NOISE_MARGIN / 20))
    return np.flatnonzero(rms > floor)


def speech_span(pcm: np.ndarray, floor_db: float = FLOOR_DB) -> tuple[float, float] | None:
    """(first, last) second where pcm (int16 at RATE) is louder than floor_db (dBFS RMS over
    20 ms); None if never."""
    loud = loud_blocks(pcm, floor_db)
    if not len(loud):
        return None
    return float(loud[0] * BLOCK / RATE), float((loud[-1] + 1) * BLOCK / RATE)


def _window_end(loud: np.ndarray, offset: int, n: int) -> int:
    """Where a window of n words starting at offset ends: after the time they take at a slow
    pace (WORD_SECONDS each), at the next pause (PHRASE_GAP of silence), at most
    WINDOW_SLACK seconds later. Sound past the window's words must be forced into them, which
    a noisy recording then does (measured: 12 words spread over 15 s of noisy speech)."""
    end = offset + int((n * WORD_SECONDS + 1.0) * RATE)
    pause = _next_phrase(loud, end)
    limit = end + int(WINDOW_SLACK * RATE)
    return min(limit, pause) if pause is not None else limit


def _next_phrase(loud: np.ndarray, offset: int) -> int | None:
    """The sample where the next phrase starts after offset: sound after a silence of at
    least PHRASE_GAP (0.1 s early); None when no phrase follows."""
    gap = int(PHRASE_GAP * RATE) // BLOCK
    k = np.searchsorted(loud, offset // BLOCK + 1)
    while k < len(loud):
        if loud[k] - (loud[k - 1] if k else -gap - 1) > gap:
            return max(offset + 1, int(loud[k]) * BLOCK - RATE // 10)
        k += 1
    return None


def _next_sound(loud: np.ndarray, offset: int) -> int:
    """The sample where sound resumes at or after offset (0.1 s early: a soft onset), so a
    window never starts in a long silence (a card, a silent clip) it would have to fill with
    words; offset itself when there is no sound after it."""
    k = np.searchsorted(loud, offset // BLOCK)
    if k >= len(loud):
        return offset
    return max(offset, int(loud[k]) * BLOCK - RATE // 10)


# -- caption lines ------------------------------------------------------------------------------
def lines_of(text: str, width: int = MAX_LINE_CHARS) -> list[str]:
    """text broken at spaces into lines of at most width characters (a longer word alone)."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


def _balanced(text: str) -> str:
    """Two lines of about equal length when text needs two (Netflix: bottom-heavy pyramid is
    preferred, so the break goes at the space nearest the middle, first line no longer)."""
    if len(text) <= MAX_LINE_CHARS:
        return text
    spaces = [m.start() for m in re.finditer(" ", text)]
    fits = [s for s in spaces if s <= MAX_LINE_CHARS and len(text) - s - 1 <= MAX_LINE_CHARS]
    if not fits:
        return "\n".join(lines_of(text))
    best = min(fits, key=lambda s: (abs(s - len(text) / 2), s))
    return text[:best] + "\n" + text[best + 1:]


def group(words: list[Word]) -> list[Cue]:
    """Words as captions: at most MAX_LINES lines of MAX_LINE_CHARS, at most MAX_SECONDS on
    screen, ended early at a sentence's end or a pause; each shown at least MIN_SECONDS (but
    never into the next caption)."""
    groups: list[list[Word]] = []
    for w in words:
        cur = groups[-1] if groups else None
        if cur:
            text = " ".join(x.text for x in cur + [w])
            full = len(lines_of(text)) > MAX_LINES
            long = w.end - cur[0].start > MAX_SECONDS
            pause = w.start - cur[-1].end >= PAUSE
            if not (full or long or pause or SENTENCE_END.search(cur[-1].text)):
                cur.append(w)
                continue
        groups.append([w])
    cues: list[Cue] = []
    for n, g in enumerate(groups):
        start, end = g[0].start, g[-1].end
        end = max(end, start + MIN_SECONDS)
        if n + 1 < len(groups):
            end = min(end, groups[n + 1][0].start)
        end = max(end, start + 0.1)
        cues.append(cue(start, end, _balanced(" ".join(w.text for w in g))))
    return cues


# -- the cut ----------------------------------------------------------------------------------
def cut_speech(plan, cancel: CancelToken | None = None) -> np.ndarray:
    """The cut's own sound as the render mixes it (segments in their places, cards silent) but
    without the music bed, as int16 mono at RATE: time 0 is the render's first frame. Raises
    PlanError when a segment's source cannot be read."""
    import copy

    from liveassets.cuts.plan import PlanError
    from liveassets.cuts.render import Timeline
    from liveassets.cuts.validate import blocking, validate

    cancel = cancel or CancelToken()
    speech = copy.copy(plan)
    speech.music, speech.caption, speech.logo, speech.captions = None, None, None, []
    facts: dict = {}
    problems = [p for p in blocking(validate(speech, facts=facts))
                if p.where.startswith(("segment", "plan", "title", "end card"))]
    if problems:
        raise PlanError("The cut's sound cannot be read: " + " ".join(map(str, problems)),
                        problems)
    timeline = Timeline(speech, facts, (16, 16), float(plan.fps), burn=False)
    try:
        mix = timeline.mix_sound(cancel)
    finally:
        timeline.close()
    return resample(mix.mean(axis=0))


def resample(mono: np.ndarray, rate: int = 48_000) -> np.ndarray:
    """float samples at `rate` -> int16 at RATE, with ffmpeg's resampler (PyAV)."""
    import av

    if not len(mono):
        return np.zeros(0, np.int16)
    frame = av.AudioFrame.from_ndarray(np.ascontiguousarray(mono[None, :], np.float32),
                                       format="flt", layout="mono")
    frame.sample_rate = rate
    resampler = av.AudioResampler(format="s16", layout="mono", rate=RATE)
    parts = [f.to_ndarray().reshape(-1) for f in resampler.resample(frame)]
    parts += [f.to_ndarray().reshape(-1) for f in resampler.resample(None)]
    return np.concatenate(parts).astype(np.int16) if parts else np.zeros(0, np.int16)


def align_cut(plan, script: str, progress: ProgressFn = no_progress,
              cancel: CancelToken | None = None) -> Alignment:
    """The script aligned to plan's speech: words with cut times and caption cues (group()).
    Raises AlignError, PlanError (unreadable sources), Cancelled."""
    progress(Progress("Reading the cut's sound", 0, 1))
    pcm = cut_speech(plan, cancel)
    words = align(pcm, script, cancel, progress)
    return Alignment(words, group(words))


def read_script(path) -> str:
    """A script file's text (UTF-8, or UTF-16 with its mark; at most MAX_SCRIPT_BYTES).
    Raises UserFileError (one line)."""
    from liveassets.userfiles import read_text

    return read_text(path, "the script", MAX_SCRIPT_BYTES)
