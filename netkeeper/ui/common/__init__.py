"""What several pages share: the form dialog base and small dialogs, the grouped two-level
model, the follow-up list with its actions, the theme and status colours, user feedback
(error boxes, confirmations) and the worker-thread helper."""
