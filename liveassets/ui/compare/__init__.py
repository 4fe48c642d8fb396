"""Compare: two to four photos side by side with one zoom and pan, culling keys on the focused one."""
