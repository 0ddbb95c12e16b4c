"""A small app that plugs into the network with its own files only (issue 20).

It contributes a panel to /koordination/, a section to the home page and a handler of
the event OrganisationJoined — declared in its AppConfig.ready(), nowhere else. Installed
only by tests/test_plugin_app.py, through one line in INSTALLED_APPS.
"""
