"""The data builders of `seed_scale`, one module per app.

Each module has one step function named after what it builds (`partners`, `meetings`,
`elections`, `posts`, `groups`); it takes the running command (`seed`: its
`coordinator`, `rng`, `through_services` and `stdout`) and the number wanted, and
returns how many it made. The leading underscore keeps Django from taking this
package for a command.
"""
