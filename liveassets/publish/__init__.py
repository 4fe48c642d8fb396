"""Publishing: posts, caption counters and warnings, hashtag sets, templates, and the sheets
(XLSX, CSV for people, CSV for a scheduler, Markdown, ICS) that carry posts out. No Qt here."""
