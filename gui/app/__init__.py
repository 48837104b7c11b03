"""Starting the app: console entry, gui and screenshot commands, QApplication, menu entry."""
