"""The main window: sidebar, pages, menus and shortcuts, undo, the due badge and notifications.

It wires pages together and owns nothing else: each page is given a `today` provider and a
`Feedback`, and talks back by signals.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QWidget,
)

from netkeeper.services import contacts, interactions, queue, session
from netkeeper.ui.common.dialogs import open_form
from netkeeper.ui.common.feedback import Feedback
from netkeeper.ui.common.theme import app_icon
from netkeeper.ui.contact.dialogs import ContactDialog
from netkeeper.ui.contact.page import ContactPage
from netkeeper.ui.contacts.page import ContactsPage, EarlyLoad
from netkeeper.ui.files import data_safety
from netkeeper.ui.shell import help_menu as menus
from netkeeper.ui.shell import watch
from netkeeper.ui.shell.notifier import Notifier, default_notifier, notify_once_a_day
from netkeeper.ui.shell.settings import make_settings, restore_geometry, save_geometry
from netkeeper.ui.shell.sidebar import Sidebar
from netkeeper.ui.shell.welcome_page import WelcomePage
from netkeeper.ui.sync.schedule import SyncControl
from netkeeper.ui.today.page import TodayPage

log = logging.getLogger("netkeeper.ui")
RECHECK_MS = 10 * 60 * 1000


class MainWindow(QMainWindow):
    def __init__(self, today: dt.date | None = None, feedback: Feedback | None = None,
                 notifier: Notifier | None = None, demo_seed: int | None = None,
                 early_contacts: EarlyLoad | None = None):
        super().__init__()
        self.fixed_today = today
        self._early_contacts = early_contacts  # the list's first load, begun by `start`
        self.feedback = feedback or Feedback()
        self.setWindowTitle("NetKeeper")
        self.setWindowIcon(app_icon())
        self.notifier = notifier or default_notifier(app_icon(), self, self.show_today)
        self.undo_item: tuple[str, object, str] | None = None
        self._refresh_queue_next = False
        self.last_notified_due = 0
        self.insights = None
        self.network = None
        self.dialog = None

        self.sidebar = Sidebar()
        self.stack = QStackedWidget()
        self.welcome = WelcomePage(self.today, self.feedback, seed=demo_seed)
        self.today_page = TodayPage(self.today, self.feedback)
        self.contacts_page = ContactsPage(self.today, self.feedback)
        self.contact_page = ContactPage(self.today, self.feedback)
        self.pages = {"welcome": self.welcome, "today": self.today_page,
                      "contacts": self.contacts_page, "contact": self.contact_page}
        for page in self.pages.values():
            self.stack.addWidget(page)
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.sidebar)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.status_label = QLabel()
        self.undo_button = QPushButton("Undo")
        self.undo_button.hide()
        self.statusBar().addWidget(self.status_label, 1)
        self.statusBar().addPermanentWidget(self.undo_button)
        self._build_menus()

        self.sidebar.currentRowChanged.connect(self._sidebar_changed)
        self.today_page.loaded.connect(self._due_loaded)
        self.today_page.open_contact.connect(self.open_contact)
        self.today_page.changed.connect(self.contacts_page.reload)
        self.today_page.undoable.connect(self._followups_moved)
        self.today_page.status_message.connect(self.say)
        self.contacts_page.open_contact.connect(self.open_contact)
        self.contacts_page.loaded.connect(self._contacts_loaded)
        self.contacts_page.new_contact.connect(self.new_contact)
        self.contacts_page.duplicates_requested.connect(self.show_duplicates)
        self.contact_page.merged.connect(self._merged)
        self.contact_page.back.connect(lambda: self.show_page("contacts"))
        self.contact_page.changed.connect(self._contact_changed)
        self.contact_page.trashed.connect(self._trashed)
        self.contact_page.status_message.connect(self.say)
        self.contact_page.open_contact.connect(self.open_contact)
        self.welcome.demo_ready.connect(self.data_replaced)
        self.welcome.import_requested.connect(self.import_contacts)
        self.undo_button.clicked.connect(self.undo)

        self._backup_due = True  # the day's backup, once the contacts are in
        self.recheck = QTimer(self, interval=RECHECK_MS)
        self.recheck.timeout.connect(self.today_page.bring_up_to_date)  # a new day, say
        self.recheck.start()
        self.sync = SyncControl(self, session.current_path, self.today, make_settings())
        self.watch = watch.DatabaseWatch(self, lambda: watch.changed_elsewhere(self))
        self.today_page.loaded.connect(lambda _n: self.watch.seen())  # our own queue refresh
        self.resize(1180, 720)
        self.restore_settings()
        if session.contact_count() == 0:
            self.sidebar.hide()
            self.stack.setCurrentWidget(self.welcome)
        else:
            self.show_page("today")
            self.load_all()

    def today(self) -> dt.date:
        """The evaluation date: fixed by --today, else the real date at each refresh."""
        return self.fixed_today or dt.date.today()

    def _build_menus(self) -> None:
        def action(menu, text: str, slot: Callable, shortcut=None) -> QAction:
            act = menu.addAction(text)
            act.triggered.connect(lambda _checked=False: slot())
            if shortcut is not None:
                act.setShortcut(QKeySequence(shortcut))
            return act

        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        self.import_action = action(file_menu, "&Import contacts…", self.import_contacts,
                                    "Ctrl+I")
        self.export_action = action(file_menu, "&Export…", self.export)
        file_menu.addSeparator()
        self.backup_action = action(file_menu, "&Back up…", self.back_up)
        self.restore_action = action(file_menu, "&Restore a backup…", self.restore_backup)
        file_menu.addSeparator()
        action(file_menu, "&Quit", self.close, QKeySequence.StandardKey.Quit)
        edit_menu = bar.addMenu("&Edit")
        self.undo_action = action(edit_menu, "&Undo", self.undo, "Ctrl+Z")
        self.undo_action.setEnabled(False)
        self.find_action = action(edit_menu, "&Find contacts", self.find, "Ctrl+F")
        settings_menu = bar.addMenu("&Settings")
        self.sync_action = action(settings_menu, "S&ync…", lambda: self.sync.open_dialog())
        contact_menu = bar.addMenu("&Contact")
        self.new_action = action(contact_menu, "&New contact…", self.new_contact, "Ctrl+N")
        self.log_action = action(contact_menu, "&Log an interaction…", self.log_interaction,
                                 "Ctrl+L")
        menus.build_view(self, bar, action)
        help_menu = bar.addMenu("&Help")
        self.shortcuts_action = action(help_menu, "&Keyboard shortcuts",
                                       lambda: menus.show_shortcuts(self),
                                       QKeySequence.StandardKey.HelpContents)
        menus.add_about(self, help_menu)

    # --- pages ------------------------------------------------------------------------------
    def show_page(self, key: str) -> None:
        watch.clear_stale_message(self, key)
        if key in ("today", "contacts", "campaigns", "network", "insights"):
            self.sidebar.blockSignals(True)
            self.sidebar.select(key)
            self.sidebar.blockSignals(False)
        page = self._lazy_page(key) if key in ("insights", "network") else (
            self.campaigns_page if key == "campaigns" else self.pages[key])
        if key == "campaigns":
            page.reload()
        self.stack.setCurrentWidget(page)

    def _sidebar_changed(self, row: int) -> None:
        if row >= 0:
            self.show_page(self.sidebar.keys[row])

    @property
    def campaigns_page(self):
        """Built when first needed: importing it was a tenth of a second of every start."""
        if "campaigns" not in self.pages:
            from netkeeper.ui.campaigns.page import CampaignsPage

            page = self.pages["campaigns"] = CampaignsPage(self.today, self.feedback)
            page.open_contact.connect(self.open_contact)
            page.changed.connect(self._campaign_changed)
            page.status_message.connect(self.say)
            self.stack.addWidget(page)
        return self.pages["campaigns"]

    def _lazy_page(self, key: str):
        """Insights and Network are built the first time they are shown (refreshed each time)."""
        if self.pages.get(key) is None:
            if key == "insights":
                from netkeeper.ui.insights.page import InsightsPage

                self.insights = InsightsPage(self.today)
                self.insights.open_contact.connect(self.open_contact)
            else:
                from netkeeper.ui.network.page import NetworkPage

                self.network = NetworkPage(self.today, self.feedback)
                self.network.open_contact.connect(self.open_contact)
            self.pages[key] = self.insights if key == "insights" else self.network
            self.stack.addWidget(self.pages[key])
        self.pages[key].refresh()
        return self.pages[key]

    def show_today(self) -> None:
        self.showNormal()
        self.raise_()
        self.activateWindow()
        self.show_page("today")

    def open_contact(self, contact_id: int) -> None:
        if self.contact_page.show_contact(contact_id):
            self.show_page("contacts")
            self.stack.setCurrentWidget(self.contact_page)

    # --- data -------------------------------------------------------------------------------
    def load_all(self) -> None:
        """Today's list and the contacts first; bringing the queue up to date (a pass over every
        contact) waits until the contact list is in, so the two don't share the GIL."""
        self.today_page.reload(refresh=False)
        self._refresh_queue_next = True
        self.contacts_page.reload(self._early_contacts)
        self._early_contacts = None

    def _contacts_loaded(self, _count: int) -> None:
        if self._backup_due:
            self._backup_due = False
            self._backup_task = data_safety.daily_backup_in_background(self.say)
        if self._refresh_queue_next:
            self._refresh_queue_next = False
            self.today_page.bring_up_to_date()

    def data_replaced(self) -> None:
        """After the demo or an import: everything may have changed."""
        self.watch.seen()
        self.sidebar.show()
        self.load_all()
        if self.insights:
            self.insights.refresh()
        if self.stack.currentWidget() is self.welcome:
            self.show_page("today")

    def _contact_changed(self) -> None:
        contact_id = self.contact_page.contact_id
        if contact_id is not None:
            self.feedback.attempt(self, lambda: queue.refresh(self.today(), [contact_id]))
            self.contacts_page.refresh_contact(contact_id)
        else:
            self.contacts_page.reload()
        self.today_page.reload(refresh=False)

    def _campaign_changed(self) -> None:
        """An ask marked done logged a favour and queued a thank-you: lists are stale."""
        self.today_page.reload(refresh=False)
        self.contacts_page.reload()

    def back_up(self) -> None:
        written = data_safety.back_up(self, self.feedback, self.today())
        if written:
            self.say(f"Backed up to {written}.")

    def restore_backup(self) -> None:
        safety_copy = data_safety.restore(self, self.feedback, self.today())
        if safety_copy:
            self.say(f"Restored. What it replaced is saved in {safety_copy}.")
            self.data_replaced()
            self.campaigns_page.reload()

    def _due_loaded(self, people: int) -> None:
        """The badge counts the people left in today's plan; the tray says so once a day."""
        self.sidebar.set_badge("today", people)
        notify_once_a_day(self.notifier, people, self.today())
        self.last_notified_due = people

    # --- actions ----------------------------------------------------------------------------
    def say(self, message: str) -> None:
        self.status_label.setText(message)

    def _offer_undo(self, item: tuple | None) -> None:
        self.undo_item = item
        self.undo_action.setEnabled(item is not None)
        self.undo_button.setVisible(item is not None)

    def _trashed(self, kind: str, item_id: int, label: str) -> None:
        self._offer_undo((kind, item_id, label))
        self.say(f"Moved {label} to the trash.")

    def _followups_moved(self, label: str, token) -> None:
        self._offer_undo(("followups", token, label))

    def show_duplicates(self) -> None:
        from netkeeper.ui.common.duplicates import DuplicatesDialog

        dialog = DuplicatesDialog(self.today, self.feedback, self)
        dialog.merged.connect(self._merged)
        self.dialog = dialog
        dialog.load()
        dialog.open()

    def _merged(self, keep: int, other: int, other_name: str) -> None:
        """A merge by hand: Undo brings the merged-away contact back, and with it both as they
        were; every list may have changed."""
        self._offer_undo(("contact", other, other_name))
        self.say(f"Merged {other_name} into contact {keep}; Undo brings both back.")
        self.contacts_page.reload()
        self.today_page.reload(refresh=False)
        if self.contact_page.contact_id == other:
            self.open_contact(keep)

    def undo(self) -> None:
        if self.undo_item is None:
            return
        kind, item_id, label = self.undo_item
        self._offer_undo(None)
        if kind == "followups":
            if self.feedback.attempt(self, lambda: queue.undo(item_id, self.today()))[0]:
                self.say(f"Undone: {label}.")
                self.today_page.reload(refresh=False)
                self.contacts_page.reload()
            return
        if not self.feedback.attempt(self, (
                (lambda: contacts.restore_contact(str(item_id))) if kind == "contact"
                else lambda: interactions.restore_interaction(item_id, self.today())))[0]:
            return
        if kind == "contact":
            self.contacts_page.refresh_contact(item_id)
            self.today_page.reload(refresh=False)
            self.open_contact(item_id)
        else:
            self.contact_page.reload()
            self._contact_changed()
        self.say(f"Restored {label}.")

    def find(self) -> None:
        if watch.no_contacts_yet(self):
            return
        self.show_page("contacts")
        self.contacts_page.focus_search()

    def new_contact(self) -> None:
        dialog = ContactDialog(parent=self)

        def added(contact_id: int) -> None:
            if self.sidebar.isHidden():  # the first contact: leave the welcome page for good
                self.data_replaced()
            self.contacts_page.refresh_contact(contact_id)
            self.open_contact(contact_id)

        open_form(self, dialog, lambda: contacts.add_contact(today=self.today(),
                                                             **dialog.values()), added)

    def log_interaction(self) -> None:
        """Ctrl+L: for the open contact, or the one selected in the list; else ask for one."""
        if watch.no_contacts_yet(self):
            return
        if self.stack.currentWidget() is self.contact_page and self.contact_page.contact_id:
            self.contact_page.log_details()
            return
        selected = (self.contacts_page.selected_contact()
                    if self.stack.currentWidget() is self.contacts_page else None)
        if selected is not None:
            self.open_contact(selected)
            self.contact_page.log_details()
            return
        self.find()
        self.say("Choose a contact (Enter opens it), then press Ctrl+L to log.")

    def import_contacts(self) -> None:
        from netkeeper.ui.files.import_wizard import ImportWizard

        wizard = ImportWizard(self.today(), self)
        wizard.imported.connect(self.data_replaced)
        wizard.duplicates_requested.connect(lambda: (wizard.accept(), self.show_duplicates()))
        self.dialog = wizard
        wizard.open()

    def export(self) -> None:
        from netkeeper.ui.files.export_dialog import ExportDialog

        dialog = ExportDialog(self.today(), self)
        self.dialog = dialog
        dialog.open()

    # --- settings ---------------------------------------------------------------------------
    def restore_settings(self) -> None:
        restore_geometry(self, self.contact_page.splitter)

    def save_settings(self) -> None:
        save_geometry(self, self.contact_page.splitter)

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        self.save_settings()
        self.recheck.stop()
        super().closeEvent(event)
