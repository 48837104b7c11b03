"""The desktop app (PySide6 and pyqtgraph), thin over core: window, booth mode, widgets."""
