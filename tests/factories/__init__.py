"""Builders of real files for the tests (python-docx, python-pptx, PyAV, reportlab …)."""
