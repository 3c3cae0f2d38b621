"""The Today page: the support queue, most urgent first."""
