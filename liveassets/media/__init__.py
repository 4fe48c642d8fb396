"""Media reading: file kinds, fast facts (probe), upright thumbnails and poster frames; no Qt."""
