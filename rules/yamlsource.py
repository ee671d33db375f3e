"""Read a YAML rule file into plain data while remembering the line of every key.

PyYAML's composer gives nodes with positions; we build the data ourselves so that a duplicate
key, a bad date or a schema error can be reported as `file:line: key: problem`. Dates stay
strings here: the schema parses them, so a day that does not exist is named with its line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

try:  # libyaml is much faster where it is available
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

Path = tuple[str | int, ...]


@dataclass(frozen=True)
class Problem:
    file: str
    line: int | None
    key: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.key}: {self.message}" if self.key else f"{where}: {self.message}"


class RuleFileError(ValueError):
    """A rule file that cannot be used, with every problem found in it."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


@dataclass
class Located:
    """Plain data read from YAML, and the 1-based line where each path starts."""

    data: Any
    file: str
    lines: dict[Path, int] = field(default_factory=dict)

    def line_of(self, path: Path) -> int | None:
        """The line of the deepest known prefix of `path`."""
        for end in range(len(path), -1, -1):
            line = self.lines.get(tuple(path[:end]))
            if line is not None:
                return line
        return None


def key_path(path: Path) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else ("." if out else "") + str(part)
    return out


_CONSTRUCT = _Loader.yaml_constructors  # tag -> constructor, from PyYAML's safe schema


def _scalar(loader: Any, node: yaml.ScalarNode) -> Any:
    if node.tag == "tag:yaml.org,2002:timestamp":
        return node.value  # parsed by the schema, which can name the line
    constructor = _CONSTRUCT.get(node.tag)
    if constructor is None:
        return node.value
    return constructor(loader, node)


def load_yaml(text: str, file: str) -> Located:
    """Parse `text`; raise RuleFileError on a syntax error or a duplicate key."""
    loader = _Loader(text)
    try:
        root = loader.get_single_node()
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(error, "problem", None) or str(error)
        raise RuleFileError([Problem(file, line, "", f"not valid YAML: {problem}")]) from None
    finally:
        loader.dispose()

    located = Located(None, file)
    problems: list[Problem] = []

    def build(node: yaml.Node, path: Path) -> Any:
        located.lines[path] = node.start_mark.line + 1
        if isinstance(node, yaml.MappingNode):
            out: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                key = _scalar(loader, key_node) if isinstance(key_node, yaml.ScalarNode) else None
                if key is None or isinstance(key, (list, dict)):
                    problems.append(
                        Problem(file, key_node.start_mark.line + 1, key_path(path), "a key must be a plain value")
                    )
                    continue
                key = str(key) if not isinstance(key, str) else key
                if key in out:
                    problems.append(
                        Problem(
                            file,
                            key_node.start_mark.line + 1,
                            key_path((*path, key)),
                            f"duplicate key (first on line {located.lines[(*path, key)]})",
                        )
                    )
                    continue
                located.lines[(*path, key)] = key_node.start_mark.line + 1
                out[key] = build(value_node, (*path, key))
                located.lines[(*path, key)] = key_node.start_mark.line + 1
            return out
        if isinstance(node, yaml.SequenceNode):
            return [build(child, (*path, i)) for i, child in enumerate(node.value)]
        return _scalar(loader, node)  # type: ignore[arg-type]

    located.data = build(root, ()) if root is not None else None
    if problems:
        raise RuleFileError(problems)
    return located
