"""The main window's panes: requirements, the ranking table, candidate detail, coverage map."""
