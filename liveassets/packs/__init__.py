"""Asset packs: the selected assets with their credits and usage terms, as a zip or folder for
designers. `plan.prepare()` says what goes in (pure, for previews); `build.build()` writes it."""
