"""Helpers for the OParl endpoint's tests: fetch as a client, validate against the schemas."""

import datetime
import json
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.utils.dateparse import parse_datetime
from jsonschema import Draft7Validator, FormatChecker

SCHEMA = "https://schema.oparl.org/1.1/"
SCHEMAS = {
    path.stem: json.loads(path.read_text(encoding="utf-8"))
    for path in (Path(__file__).parent / "schemas").glob("*.json")
}
SITE_URL = "https://netzwerk.example.org"

formats = FormatChecker()


@formats.checks("url")
def _url(value):
    parts = urlsplit(value)
    return parts.scheme in {"http", "https"} and bool(parts.netloc) and " " not in value


@formats.checks("date-time", raises=ValueError)
def _date_time(value):
    parsed = parse_datetime(value)
    return parsed is not None and parsed.tzinfo is not None and "T" in value


@formats.checks("date", raises=ValueError)
def _date(value):
    datetime.date.fromisoformat(value)
    return len(value) == 10


VALIDATORS = {
    name: Draft7Validator(schema, format_checker=formats) for name, schema in SCHEMAS.items()
}


def validate(obj):
    """Validate an OParl object and every object embedded in it against its schema."""
    assert isinstance(obj, dict)
    kind = obj["type"].removeprefix(SCHEMA)
    errors = sorted(VALIDATORS[kind].iter_errors(obj), key=str)
    assert not errors, f"{obj['id']}: " + "; ".join(e.message for e in errors)
    for value in obj.values():
        for inner in value if isinstance(value, list) else [value]:
            if isinstance(inner, dict) and str(inner.get("type", "")).startswith(SCHEMA):
                validate(inner)


def path_of(url):
    assert url.startswith(SITE_URL + "/"), url
    return url.removeprefix(SITE_URL)


def fetch(client, url, status=200):
    """GET an OParl URL (absolute or path): JSON, UTF-8, CORS for everyone."""
    path = path_of(url) if url.startswith("http") else url
    response = client.get(path)
    assert response.status_code == status, (path, response.status_code)
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Access-Control-Allow-Origin"] == "*"
    return response.json()


def urls_in(value):
    """Every OParl URL in a JSON value (object ids, references, list links)."""
    if isinstance(value, dict):
        for inner in value.values():
            yield from urls_in(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from urls_in(inner)
    elif isinstance(value, str) and value.startswith(SITE_URL + "/oparl/"):
        yield value


def crawl(client, start="/oparl/"):
    """Follow every OParl link from the entry point; returns {url: JSON} of every page.

    Download URLs are files, not JSON: they are collected but not fetched here.
    """
    seen = {}
    todo = [SITE_URL + start]
    while todo:
        url = todo.pop()
        if url in seen or "/download/" in url:
            seen.setdefault(url, None)
            continue
        data = fetch(client, url)
        seen[url] = data
        if "data" in data:
            for obj in data["data"]:
                validate(obj)
        else:
            validate(data)
        todo.extend(u for u in urls_in(data) if u not in seen)
    return seen


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = SITE_URL
