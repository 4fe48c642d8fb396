"""Platform analytics: the platforms' own export files read into dated snapshots, joined to the
library's posts, and the weekly performance report built from them."""
