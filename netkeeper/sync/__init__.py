"""Sync through CardDAV/CalDAV (DESIGN.md section 11): the vdir bridge and the vdirsyncer driver.

No Qt and no database here: `cards` and `entries` turn plain items into vCard/iCalendar text and
back, `merge` settles an item changed on two devices, `vdir` keeps the one-file-per-item folders,
and `driver` runs vdirsyncer in its own process. `services.sync` ties them to the store.
"""
