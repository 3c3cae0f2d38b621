"""Settings → Sync: connect to a CardDAV/CalDAV server, Sync now, sync every N minutes."""
