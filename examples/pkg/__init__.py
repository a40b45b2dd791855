"""A two-module package: Async Coach follows imports between files of the workspace."""
