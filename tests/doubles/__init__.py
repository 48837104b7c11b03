"""Clearly named test doubles for the Edge TPU runtime and libedgetpu, used by the tests."""
