"""The write-up's own pair (the bird model, its Edge TPU twin, their labels and the parrot),
shipped inside the package with their notices: package data, laid out like a models folder."""
