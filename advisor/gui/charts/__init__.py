"""The tabs that draw with pyqtgraph (imported only when the charts are built): trade-offs,
compare, sensitivity, stakeholders."""
