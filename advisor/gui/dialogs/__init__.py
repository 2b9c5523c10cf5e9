"""Dialogs and windows of their own: catalogue editor, imports, snapshots, conflicts, probe
and keys, guided weights, report export, welcome."""
