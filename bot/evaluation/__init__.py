"""Evaluation commands over the shared data: predictions in the reference scorers' shape."""
