"""What a model found, per task: decoding its outputs, agreement with the baseline, its files."""
