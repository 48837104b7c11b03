"""What a model computes (its task, read from the model); its outputs decoded and compared."""
