"""The recommendation report (PDF, reportlab). Qt-free: runs from the CLI without a display."""

from advisor.report.document import ReportInputs, ReportOptions, write_report

__all__ = ["ReportInputs", "ReportOptions", "write_report"]
