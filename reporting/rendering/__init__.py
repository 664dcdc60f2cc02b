"""Outputs of a compiled report: cell formatting, SVG charts, CSV, XLSX and DOCX files."""
