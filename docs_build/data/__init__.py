"""Stage 1, data: safe YAML, the model, both validation passes, the Atlas and its records. Imports no other stage."""
