"""A generated Google Forms-style submissions folder and its response sheet (CSV or XLSX),
with the cases intake must catch: a cleared creator, a minor without guardian consent, an
expired Spark Ads code, a file with no row, a row with no file, a duplicate row, a row without
consent and a file already in the library. Dates count from `today`."""

from __future__ import annotations

import csv
import datetime as dt
import shutil
from pathlib import Path

from mediagen import make_jpeg

FORM = "LIVE Fest Submissions"
QUESTION = "Upload your clip"
HEADERS = ["Timestamp", "Email Address", "Your name", "Your TikTok handle", "Upload your clip",
           "How may we use it?", "Where may we post it?", "Territory", "Expiry date",
           "Spark Ads code", "Spark code valid for (days)", "Are you under 18?",
           "Parent or guardian consent", "I agree to the LIVE Fest submission terms",
           "Credit line", "Favourite colour"]
# respondent -> (file stem, colour)
FILES = {"Ana Lee": ("dance", (220, 40, 40)), "Ben Ng": ("intro", (40, 220, 40)),
         "Cara Diaz": ("ad cut", (40, 40, 220)), "Dan Roe": ("dup", (200, 200, 40)),
         "Eve Kim": ("fresh", (40, 200, 200)), "Zed Stray": ("stray", (120, 120, 120))}
LINK = "https://drive.google.com/open?id=1AbC{}"


def rows(today: dt.date) -> list[list]:
    """Answers as a sheet holds them (timestamps day-first, as an en-AU Google Sheet)."""
    def stamp(days_ago: int, hour: int = 10) -> str:
        d = today - dt.timedelta(days=days_ago)
        return f"{d.day:02d}/{d.month:02d}/{d.year} {hour}:15:22"

    end = (today + dt.timedelta(days=365)).isoformat()
    return [
        [stamp(3), "ana@example.com", "Ana Lee", "@ana.live", LINK.format(1), "Permission for organic use",
         "TikTok, Instagram", "AU, NZ", end, "", "", "No", "", "I agree", "", "blue"],
        [stamp(3), "ben@example.com", "Ben Ng", "ben_ng", LINK.format(2), "Permission for organic use",
         "TikTok", "AU", end, "", "", "Yes", "", "I agree", "", "red"],
        [stamp(40), "cara@example.com", "Cara Diaz", "https://www.tiktok.com/@cara.d?lang=en",
         LINK.format(3), "Paid / Spark Ads code", "TikTok", "AU", end, "#SPARK7AB", "7", "No", "",
         "I agree", "Video by @cara.d", ""],
        [stamp(2), "dan@example.com", "Dan Roe", "danroe", LINK.format(4), "Licensed",
         "TikTok", "AU", end, "", "", "No", "", "I agree", "", ""],
        [stamp(2), "eve@example.com", "Eve Kim", "eve.k", LINK.format(5), "Permission for organic use",
         "TikTok", "AU", end, "", "", "No", "", "", "", ""],
        [stamp(1), "fay@example.com", "Fay Wu", "fay.wu", LINK.format(6), "Licensed",
         "TikTok", "AU", end, "", "", "No", "", "I agree", "", ""],  # her upload never arrived
        [stamp(1, 11), "ana@example.com", "Ana Lee", "@ana.live", LINK.format(1),
         "Permission for organic use", "TikTok, Instagram", "AU, NZ", end, "", "", "No", "",
         "I agree", "", "blue"],  # sent twice
    ]


def make_folder(root: Path, library_copy: Path | None = None) -> Path:
    """Write the folder Google Drive hands over: `<FORM> (File responses)/<QUESTION> (File
    responses)/<stem> - <respondent>.jpg`. With `library_copy`, Dan's file is also written
    there byte for byte (to scan into the library first: a duplicate). Returns the folder."""
    folder = root / f"{FORM} (File responses)"
    inner = folder / f"{QUESTION} (File responses)"
    inner.mkdir(parents=True)
    for who, (stem, colour) in FILES.items():
        make_jpeg(inner / f"{stem} - {who}.jpg", size=(64, 48), color=colour)
    if library_copy is not None:
        library_copy.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(inner / "dup - Dan Roe.jpg", library_copy / "IMG_0042.jpg")
    return folder


def write_csv(path: Path, today: dt.date, headers=HEADERS, data=None) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(headers)
        writer.writerows(rows(today) if data is None else data)
    return path


def write_xlsx(path: Path, today: dt.date) -> Path:
    """The same answers as Google Sheets' .xlsx download: timestamps as real date-times."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Form Responses 1"
    sheet.append(HEADERS)
    for row in rows(today):
        day, month, rest = row[0].split("/", 2)
        year, clock_time = rest.split(" ")
        h, m, s = map(int, clock_time.split(":"))
        row = [dt.datetime(int(year), int(month), int(day), h, m, s)] + row[1:]
        row[8] = dt.date.fromisoformat(row[8])
        sheet.append(row)
    book.save(path)
    return path
