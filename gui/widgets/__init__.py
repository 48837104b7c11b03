"""The main window's widgets, one per file: panels, plots, pickers, dialogs."""
