"""LiveAssets: index event footage, cull and tag it, clear rights, cut recaps and publish."""

__version__ = "0.1.0"
