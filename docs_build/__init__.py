"""Plan Atlas engine: load, validate and publish national action plans as a static site."""

__version__ = "0.1.0"
