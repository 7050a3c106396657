"""Stage 2a, site pages: the page model, one module per page family and the composition (build.py)."""
