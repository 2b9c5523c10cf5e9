"""The report's sections, in reading order; each lays out part of :class:`ReportInputs`."""
