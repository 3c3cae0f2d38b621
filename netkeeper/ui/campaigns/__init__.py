"""The Campaigns page: campaigns and tasks, plan review, the ask board, the progress chart."""
