"""Checks plan files against the plan file JSON Schema with a real validator (jsonschema).

Usage: check_schema.py SCHEMA FILE...   Prints one line per file: PATH<TAB>valid, or
PATH<TAB>invalid<TAB>REASON. Exit 0 when every file was checked (valid or not), 2 on misuse.

YAML is read with the YAML 1.2 core schema, as dbcopy reads it: PyYAML alone resolves
YAML 1.1 (yes/no/on/off are booleans, 0777 is octal, dates are timestamps), which would make
the schema and dbcopy disagree about the same file. JSON files go through Python's json.
"""
import json
import re
import sys

import jsonschema
import yaml


class CoreSchemaLoader(yaml.SafeLoader):
    """SafeLoader with the YAML 1.2 core schema's implicit types only, refusing aliases as
    dbcopy does (an alias "bomb" would otherwise make the validator walk billions of nodes)."""

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.composer.ComposerError(None, None, "aliases are not allowed", event.start_mark)
        return super().compose_node(parent, index)


CoreSchemaLoader.yaml_implicit_resolvers = {}
for tag, pattern, first in [
    ("bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", "-+0123456789"),
    ("float", r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
              r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$", "-+0123456789."),
    ("null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
]:
    CoreSchemaLoader.add_implicit_resolver("tag:yaml.org,2002:" + tag, re.compile(pattern), list(first))


def construct_core_int(loader, node):
    text = loader.construct_scalar(node)
    if text.startswith("0o"):
        return int(text[2:], 8)
    if text.startswith("0x"):
        return int(text[2:], 16)
    return int(text, 10)


CoreSchemaLoader.add_constructor("tag:yaml.org,2002:int", construct_core_int)


def looks_like_json(text):
    for line in text.lstrip("\ufeff").splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        return stripped[0] in "{["
    return False


def load(path):
    with open(path, "rb") as handle:
        text = handle.read().decode("utf-8")
    if looks_like_json(text):
        return json.loads(text)
    return yaml.load(text, Loader=CoreSchemaLoader)


def main(argv):
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    with open(argv[1], encoding="utf-8") as handle:
        schema = json.load(handle)
    validator = jsonschema.Draft7Validator(schema)
    for path in argv[2:]:
        try:
            document = load(path)
        except (ValueError, yaml.YAMLError) as error:
            reason = " ".join(str(error).split())
            print(f"{path}\tinvalid\tnot loadable: {reason}")
            continue
        errors = sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path))
        if errors:
            first = errors[0]
            where = "/".join(str(part) for part in first.absolute_path) or "(top level)"
            message = " ".join(first.message.split())[:300]
            print(f"{path}\tinvalid\t{where}: {message}")
        else:
            print(f"{path}\tvalid")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
