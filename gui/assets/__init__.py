"""Files the window reads at run time: the built translations (``i18n/*.qm``) and the icon."""
