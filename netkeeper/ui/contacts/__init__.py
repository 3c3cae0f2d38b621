"""The Contacts page: the searchable, sortable table of every contact and its model."""
