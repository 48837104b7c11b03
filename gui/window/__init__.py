"""The main window: layout, menus, file choosing, file kinds, remembered settings."""
