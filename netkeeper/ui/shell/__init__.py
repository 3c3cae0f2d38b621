"""The window's frame and the composition root: the Qt application, the main window with
its sidebar, menus and navigation, the first-run page, settings, tray notifications, Qt
work-arounds and the smoke-test hook. The only ui package that imports the pages."""
