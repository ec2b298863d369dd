"""Checks documents against AWS's own API model (botocore's service models).

Reads JSON from stdin: [{"label": ..., "service": "ecs", "shape": "ContainerDefinition", "document": ...}, ...]
and prints a JSON list of problems, one string each: unknown members, missing required members, wrong types,
values outside an enum, lengths or numbers outside the model's min/max. A string that is a whole Terraform
reference ("${...}") stands for a value known only at apply time and passes wherever it appears.

With "members" as the only argument, prints every member of the shapes named on stdin instead
([{"service": ..., "shape": ...}] -> {"<service>:<shape>": [member, ...]}).
"""
import json
import re
import sys

import botocore.session

REFERENCE = re.compile(r"^\$\{.*\}$", re.S)
TYPES = {
    "string": str,
    "integer": int,
    "long": int,
    "boolean": bool,
    "double": (int, float),
    "float": (int, float),
}


def shape_of(models, service, name):
    if service not in models:
        models[service] = botocore.session.get_session().get_service_model(service)
    model = models[service]
    try:
        return model.shape_for(name)
    except Exception:
        return model.operation_model(name).input_shape


def check(shape, value, at, problems):
    if isinstance(value, str) and REFERENCE.match(value):
        return
    kind = shape.type_name
    meta = shape.metadata
    if kind == "structure":
        if not isinstance(value, dict):
            problems.append(f"{at}: expected an object, got {json.dumps(value)[:80]}")
            return
        for name in value:
            if name not in shape.members:
                problems.append(f"{at}: unknown member {name!r} (the model has {', '.join(shape.members)})")
        for name in shape.required_members:
            if name not in value:
                problems.append(f"{at}: required member {name!r} is missing")
        for name, member in shape.members.items():
            if name in value:
                check(member, value[name], f"{at}.{name}", problems)
        return
    if kind == "list":
        if not isinstance(value, list):
            problems.append(f"{at}: expected a list, got {json.dumps(value)[:80]}")
            return
        bounds(meta, len(value), f"{at} (length)", problems)
        for i, item in enumerate(value):
            check(shape.member, item, f"{at}[{i}]", problems)
        return
    if kind == "map":
        if not isinstance(value, dict):
            problems.append(f"{at}: expected a map, got {json.dumps(value)[:80]}")
            return
        for key, item in value.items():
            check(shape.key, key, f"{at} key {key!r}", problems)
            check(shape.value, item, f"{at}[{key!r}]", problems)
        return
    expected = TYPES.get(kind)
    if expected is None:
        problems.append(f"{at}: the model's type {kind} is not handled by this checker")
        return
    if not isinstance(value, expected) or (kind != "boolean" and isinstance(value, bool)):
        problems.append(f"{at}: expected {kind}, got {json.dumps(value)[:80]}")
        return
    if kind == "string":
        if shape.enum and value not in shape.enum:
            problems.append(f"{at}: {value!r} is not one of {', '.join(shape.enum)}")
        bounds(meta, len(value), f"{at} (length)", problems)
    else:
        bounds(meta, value, at, problems)


def bounds(meta, number, at, problems):
    if "min" in meta and number < meta["min"]:
        problems.append(f"{at}: {number} is below the model's minimum {meta['min']}")
    if "max" in meta and number > meta["max"]:
        problems.append(f"{at}: {number} is above the model's maximum {meta['max']}")


def main():
    requests = json.load(sys.stdin)
    models = {}
    if sys.argv[1:] == ["members"]:
        out = {f"{r['service']}:{r['shape']}": list(shape_of(models, r["service"], r["shape"]).members) for r in requests}
        print(json.dumps(out))
        return
    problems = []
    for r in requests:
        check(shape_of(models, r["service"], r["shape"]), r["document"], r["label"], problems)
    print(json.dumps(problems))


main()
