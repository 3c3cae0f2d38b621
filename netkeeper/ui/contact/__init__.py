"""One contact's page: health card and chart, balance, cadence, quick-log buttons, open
follow-ups, the timeline model, and the contact dialogs."""
