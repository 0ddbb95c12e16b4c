"""The ground floor: what every app of the network uses, importing none of them.

See docs/architecture.md ("Floors"). Its models keep the app label `netzwerk` (their
tables and migrations were made under that name before the ground floor had its own
package), so `AUTH_USER_MODEL` is still `netzwerk.User`.
"""
