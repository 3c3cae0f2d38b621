"""vdirsyncer's log of a failed sync, read into one sentence — on logs vdirsyncer 0.19 printed
against a real Radicale server (a wrong password, then the server stopped), with the server on
ports whose digits hold the status codes the reader looks for."""

from __future__ import annotations

import pytest

from netkeeper.sync.driver import explain

REFUSED = """Syncing netkeeper_contacts/netkeeper
Syncing netkeeper_calendars/netkeeper-tasks
error: Unknown error occurred for netkeeper_contacts/netkeeper: 401, message='Unauthorized', \
url='http://127.0.0.1:{port}/ada/netkeeper/'
error: Use `-vdebug` to see the full traceback.
"""

DOWN = """Syncing netkeeper_contacts/netkeeper
Syncing netkeeper_calendars/netkeeper-tasks
error: Unknown error occurred for netkeeper_contacts/netkeeper: Cannot connect to host \
127.0.0.1:{port} ssl:default [Connect call failed ('127.0.0.1', {port})]
error: Use `-vdebug` to see the full traceback.
"""

PORTS = [57451, 45401, 40401, 40404, 4010, 401]


@pytest.mark.parametrize("port", PORTS)
def test_a_server_that_cannot_be_reached_is_said_so_whatever_its_port(port):
    url = f"http://127.0.0.1:{port}/"
    message = explain(DOWN.format(port=port), url)
    assert message.startswith(f"The sync server at {url} could not be reached")


@pytest.mark.parametrize("port", PORTS)
def test_a_refused_password_is_said_so_whatever_the_port(port):
    url = f"http://127.0.0.1:{port}/"
    message = explain(REFUSED.format(port=port), url)
    assert message.startswith(f"The server at {url} refused the user name or password")


def test_a_missing_collection_is_told_by_its_status_not_by_a_port():
    url = "http://127.0.0.1:40401/"
    log = ("error: Unknown error occurred for netkeeper_contacts/netkeeper: 404, "
           "message='Not Found', url='http://127.0.0.1:40401/ada/netkeeper/'\n")
    assert explain(log, url).startswith("No address book or calendar was found")
