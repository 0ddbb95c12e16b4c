"""The design as a maintainer finds it (docs/architecture.md, "Floors"): the import
contracts run in `make lint` (`lint-imports`); here what they do not check."""

import subprocess
import sys
import tomllib
from pathlib import Path

from django.apps import apps as django_apps

ROOT = Path(__file__).resolve().parent.parent
LIMIT = 400  # lines; a file past it holds more than one concern


def _python_files():
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "*.py"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    return [ROOT / name for name in listed if "/migrations/" not in name]


def test_no_source_file_runs_past_400_lines():
    files = _python_files()
    assert len(files) > 100  # the listing found the project
    long = {
        str(path.relative_to(ROOT)): n
        for path in files
        if path.exists() and (n := len(path.read_text().splitlines())) > LIMIT
    }
    assert long == {}


def test_the_import_contracts_hold():
    """The floors point down and no package's modules form a circle (pyproject.toml)."""
    lint = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run(
        [lint, "--no-cache"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout[-3000:]
    assert "2 kept, 0 broken" in result.stdout


def test_no_circle_between_files():
    """No module imports, even inside a function, a module that leads back to it."""
    import grimp

    packages = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
    graph = grimp.build_graph(*packages["root_packages"], cache_dir=None)
    modules = {m for m in graph.modules if ".migrations" not in m}
    edges = {m: graph.find_modules_directly_imported_by(m) & modules for m in modules}
    circles = [c for c in _strongly_connected(edges) if len(c) > 1]
    assert circles == []


def _strongly_connected(edges):
    """Tarjan's strongly connected components, without recursion."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []
    for root in sorted(edges):
        if root in index:
            continue
        work = [(root, iter(sorted(edges[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is None:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    component = set()
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.add(member)
                        if member == node:
                            break
                    found.append(sorted(component))
            elif child not in index:
                index[child] = low[child] = len(index)
                stack.append(child)
                on_stack.add(child)
                work.append((child, iter(sorted(edges[child]))))
            elif child in on_stack:
                low[node] = min(low[node], index[child])
    return found


def test_every_app_of_the_project_stands_on_a_floor():
    """A new app cannot dodge the contracts: each project app is one of their packages."""
    contracts = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
    layered = {
        name.strip()
        for layer in contracts["contracts"][0]["layers"]
        for name in layer.replace(":", "|").split("|")
    }
    project_apps = {
        config.name.split(".")[0]
        for config in django_apps.get_app_configs()
        if (ROOT / config.name.split(".")[0]).is_dir() and config.name.split(".")[0] != "tests"
    }
    assert project_apps == layered == set(contracts["root_packages"])
