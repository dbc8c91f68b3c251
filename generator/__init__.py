"""delårsrapport: writes a Swedish municipal committee's interim report from Excel workbooks."""

__version__ = "0.1.0"
