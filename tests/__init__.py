"""The test suite (never installed); stand-ins for the Edge TPU runtime are in doubles/."""
