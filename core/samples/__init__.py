"""Coral's sample models: the manifest (package data), fetcher, model folders."""
