"""API views, one module per resource; api/urls.py routes them."""
