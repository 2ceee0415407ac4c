"""The domain core of Return Desk: no Qt, usable from a script, the CLI, a web page or a test.

The ground floor holds what every capability stands on: the database (db, models, the
column types in columns, core_tables: the tables the first screen reads through Core
without the ORM, the stored-code enums and the status graph in codes, migrations/), errors, paths,
logs, money, dates (as staff type them), phones (read, checked, stored in E.164),
validation, labels, words (the customers' words in their language, through gettext),
secrets, settings (and setting_spec: what a setting is), about (version, database label,
libraries' licences), and the returns themselves (returns, return_checks: a new return's
checks, workflow, search, and the returns list: listing with list_order (the orders and the
index each walks), list_window (the window's calls, each on its own connection),
list_search (a search's page in the index's own order) and cancel
(stopping a query that is no longer wanted)), the
services the faces call for them (services: one call per user action, owning its
transaction) and the command line (cli, with argparse's own words in cli_words).
Each capability has its own package: customers, policy, messages, instructions, demo.
"""
