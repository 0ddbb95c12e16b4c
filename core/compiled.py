"""A queryset compiled once, run again with another value.

Building a queryset and compiling its SQL costs Django more than running it: for the
contacts of the person asking (core.roles, read from the database on every request
of someone logged in, so that a role revoked by any means counts at once) about
1.2 ms of the 1.6 ms it took. `CompiledQuery` builds the queryset once per database
connection with a marker in place of the one value that changes, keeps its SQL,
and turns the rows into model instances — `select_related` ones included — the way
Django's own ModelIterable does. The query and its result are exactly those of the
queryset; only the building is skipped.
"""

import weakref

from django.db import connections
from django.db.models.query import get_related_populators

# Stands in for the value while the query is built: an integer no real key reaches
# (a text column's value needs a text marker: `CompiledQuery(build, marker=TEXT_MARKER)`).
MARKER = -7_391_862_451
TEXT_MARKER = "\x1fcompiled-query-marker\x1f"


class CompiledQuery:
    """`build(value)` → a queryset whose SQL has `value` as one parameter;
    `CompiledQuery(build)(value)` → the list of model instances the queryset would
    give, `.sql(value)` → its SQL and parameters (a values_list() queryset too)."""

    def __init__(self, build, *, marker=MARKER, using="default"):
        self.build = build
        self.marker = marker
        self.using = using
        # One compiled form per connection object (each thread has its own).
        self._compiled = weakref.WeakKeyDictionary()

    def _compile(self, connection):
        queryset = self.build(self.marker)
        compiler = queryset.query.get_compiler(using=self.using)
        sql, params = compiler.as_sql()
        places = [i for i, param in enumerate(params) if param == self.marker]
        if len(places) != 1:
            raise ValueError("The value must appear exactly once among the query's parameters.")
        compiled = {"sql": sql, "params": list(params), "place": places[0]}
        klass_info, select = compiler.klass_info, compiler.select
        if klass_info is None:  # values_list(): only its SQL is asked for (`sql`)
            self._compiled[connection] = compiled
            return compiled
        fetch_mode = queryset._fetch_mode
        fields = klass_info["select_fields"]
        start, end = fields[0], fields[-1] + 1
        compiled |= {
            "model": klass_info["model"],
            "start": start,
            "end": end,
            "init_list": [column[0].target.attname for column in select[start:end]],
            "fetch_mode": fetch_mode,
            "populators": get_related_populators(klass_info, select, self.using, fetch_mode),
            "compiler": compiler,
            "converters": compiler.get_converters(
                [column[0] for column in select[: compiler.col_count]]
            ),
        }
        self._compiled[connection] = compiled
        return compiled

    def _statement(self, value):
        """(connection, compiled form, params for `value`)."""
        connection = connections[self.using]
        compiled = self._compiled.get(connection) or self._compile(connection)
        params = compiled["params"].copy()
        params[compiled["place"]] = value
        return connection, compiled, params

    def sql(self, value):
        """(sql, params) of the queryset for `value`, to be part of a larger statement."""
        _connection, compiled, params = self._statement(value)
        return compiled["sql"], params

    def __call__(self, value):
        connection, compiled, params = self._statement(value)
        with connection.cursor() as cursor:
            cursor.execute(compiled["sql"], params)
            rows = cursor.fetchall()
        if compiled["converters"]:
            rows = compiled["compiler"].apply_converters(rows, compiled["converters"])
        model, start, end = compiled["model"], compiled["start"], compiled["end"]
        result = []
        for row in rows:
            obj = model.from_db(
                self.using,
                compiled["init_list"],
                row[start:end],
                fetch_mode=compiled["fetch_mode"],
            )
            for populator in compiled["populators"]:
                populator.populate(row, obj)
            result.append(obj)
        return result
