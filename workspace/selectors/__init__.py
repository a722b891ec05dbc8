"""Reads for the workspace UI, built on the apps' own selectors; each page's reads are a fixed number
of queries whatever the workspace holds."""
