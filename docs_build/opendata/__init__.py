"""Stage 2b, open data: JSON, CSV tables, schema, data package, licence and citation. Imports only data."""
