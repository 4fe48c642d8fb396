"""The desktop window: the only package that imports PySide6; a client of the Qt-free core."""
