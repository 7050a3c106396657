"""Tests of the opendata stage."""
