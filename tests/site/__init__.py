"""Tests of the site stage."""
