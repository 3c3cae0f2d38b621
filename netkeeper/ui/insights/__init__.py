"""Insights: matplotlib charts over the whole network."""
