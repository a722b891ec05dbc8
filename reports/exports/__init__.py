"""Exports: the catalogue (kinds), the tables each one builds, and the CSV/XLSX/PDF writers."""
