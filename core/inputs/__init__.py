"""What a run reads: models inspected without a runtime, labels, pictures as tensors."""
