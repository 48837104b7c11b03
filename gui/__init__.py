"""The desktop app (PySide6 and pyqtgraph), thin over core: window, booth mode, widgets."""

import core  # noqa: F401  (first: it sets numpy's thread count before pyqtgraph loads numpy)
