"""Bundled data: the MovieLens latest-small demo catalog (see README.md here for its terms)."""
