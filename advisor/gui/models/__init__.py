"""Qt models over the application layer: the window's session (signals over the Qt-free
:class:`advisor.app.session.SessionModel`) and catalogue edits on an undo stack."""
