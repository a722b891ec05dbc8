"""Imports: reading an uploaded file safely (size, type, row limits) and checking every row."""
