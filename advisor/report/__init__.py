"""The recommendation report (PDF, reportlab). Qt-free: runs from the CLI without a display.
It lays out what the application layer computed (:class:`ReportInputs`) and runs no analysis."""

from advisor.report.document import write_report
from advisor.report.inputs import ReportInputs, ReportOptions, TradeoffChart

__all__ = ["ReportInputs", "ReportOptions", "TradeoffChart", "write_report"]
