"""Files in and out of the window: the import wizard, the export dialog, back up and restore."""
