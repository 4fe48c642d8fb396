"""The demo campaign: generated photos and clips (`scenes`) written as a campaign folder
(`build`), so a fresh install opens on something real to cull, cut and publish."""
