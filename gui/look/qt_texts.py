"""Words of Qt's own dialogs that Qt's Japanese translation (``qtbase_ja``) lacks.

Qt's file dialog (the one Qt draws itself, used where no desktop dialog is available) labels
its fields "&Look in:" and "Files of &type:", and the ``qtbase_ja.qm`` that PySide6 ships has no
entry for either. They are listed here under Qt's own context so that lupdate puts them in our
``.ts``; Qt looks a string up in every installed translator, so ours fills the gap. A test opens
the dialog in Japanese and finds no English label.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

translate = QCoreApplication.translate


def file_dialog_texts() -> list[str]:
    return [translate("QFileDialog", "&Look in:"), translate("QFileDialog", "Files of &type:")]
