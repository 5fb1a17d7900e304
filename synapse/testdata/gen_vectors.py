#!/usr/bin/env python3
"""Generates pystr.json: Python's str() of model_dump() values and sha3-256
digests, computed independently of the Go code with CPython, hashlib and
pydantic. Run from this directory: python3 gen_vectors.py > pystr.json
"""
import base64
import hashlib
import json
from typing import Optional

from pydantic import BaseModel


def sha3(s):
    return hashlib.sha3_256(s.encode("utf-8")).hexdigest()


class Inner(BaseModel):
    f: float
    tags: list[str]


class Nested(BaseModel):
    a: int
    b: str
    c: list[int]
    d: Optional[int] = None
    e: Inner


class Holder(BaseModel):
    v: Nested
    items: list[Nested]


nested = Nested(a=1, b="x'y", c=[1, 2], e=Inner(f=1.5, tags=["p", "q"]))
holder = Holder(v=nested, items=[nested, Nested(a=-3, b="", c=[], d=7, e=Inner(f=1e-05, tags=[]))])
dumped = holder.model_dump()

values = {
    "int_zero": 0,
    "int_neg": -5,
    "int_big": 1 << 62,
    "str_plain": "abc",
    "str_empty": "",
    "str_unicode": "é☃😀",
    "list_str": ["foobar"],
    "list_str_quotes": ["it's", 'say "hi"', "both ' and \"", "back\\slash"],
    "list_str_escapes": ["tab\tnl\nret\r", "\x00\x1f\x7f", "\x85\xa0\xad", "\u200b\u2028", "\U000e0001", "é☃😀", ""],
    "list_int": [1, 2],
    "list_empty": [],
    "list_list": [[1, 2], [3], []],
    "float_12": 12.0,
    "float_tenth": 0.1,
    "float_1e-05": 1e-05,
    "float_1e-04": 0.0001,
    "float_1e16": 1e16,
    "float_1e15": 1e15,
    "float_big": 123456789.123,
    "float_negzero": -0.0,
    "float_huge": 1.5e300,
    "float_tiny": 5e-324,
    "float_sum": 0.1 + 0.2,
    "float_neg": -2.5e-07,
    "list_float": [1.0, 2.5, 1e22],
    "bool_true": True,
    "bool_false": False,
    "none": None,
    "dict_sorted": {"a": 2, "b": [1], "c": "s"},
    "nested": dumped["v"],
    "nested_list": dumped["items"],
}

cases = []
for name, v in values.items():
    s = str(v)
    cases.append({"name": name, "str": s, "sha3": sha3(s)})


class HashedSynapseFields(BaseModel):
    a: int
    b: int
    c: Optional[int] = None
    d: Optional[list[str]] = None


def body_hash(model, fields):
    d = model.model_dump()
    return sha3("".join(sha3(str(d[f])) for f in fields))


body_hashes = [
    {"name": "reference_abd", "hash": body_hash(HashedSynapseFields(a=1, b=2, d=["foobar"]), ["a", "b", "d"])},
    {"name": "empty", "hash": sha3("")},
    {"name": "nested_v_items", "hash": body_hash(holder, ["v", "items"])},
    {"name": "nested_items_v", "hash": body_hash(holder, ["items", "v"])},
]

input_objs = {
    name: base64.b64encode(json.dumps(v.__class__()).encode()).decode()
    for name, v in {"int": 1, "float": 1.5, "str": "x", "list": [1], "dict": {"a": 1}, "bool": True}.items()
}



# bt_header_input_obj_*: bittensor's Synapse.to_headers sends, for every
# field the pydantic schema requires (no default) whose value is not None,
# base64 of json.dumps of an empty value of the field's type.
class Mixed(BaseModel):
    count: int
    score: float
    text: str
    items: list[int]
    meta: dict[str, int]
    flag: bool
    note: Optional[str] = None
    extra: int = 5


def input_obj_headers(model):
    required = model.model_json_schema().get("required", [])
    headers = {}
    for field, value in model.model_dump().items():
        if value is None or field not in required:
            continue
        headers["bt_header_input_obj_" + field] = base64.b64encode(json.dumps(value.__class__.__call__()).encode()).decode("utf-8")
    return headers


mixed_headers = input_obj_headers(Mixed(count=3, score=11.0, text="hi", items=[1, 2], meta={"a": 1}, flag=True))


# Body hashes of integral floats (str(11.0) is '11.0') and of nested lists
# and dicts (dict keys in insertion order, which the Go side sorts: keep
# them sorted here).
class Floaty(BaseModel):
    score: float
    scores: list[float]


class Deep(BaseModel):
    grid: list[list[int]]
    table: dict[str, list[int]]
    records: list[dict[str, str]]


floaty = Floaty(score=11.0, scores=[1.0, 2.5, 100.0])
deep = Deep(grid=[[1, 2], [3], []], table={"a": [1], "b": [2, 3]}, records=[{"a": "b", "k": "v"}, {}])
body_hashes += [
    {"name": "integral_floats", "hash": body_hash(floaty, ["score", "scores"])},
    {"name": "nested_lists_dicts", "hash": body_hash(deep, ["grid", "table", "records"])},
]

# The message a dendrite signs (bittensor's Dendrite.preprocess_synapse_for_request):
# f"{nonce}.{dendrite.hotkey}.{axon.hotkey}.{dendrite.uuid}.{body_hash}".
signed = {
    "nonce": 1700000000123456789,
    "dendrite_hotkey": "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY",
    "axon_hotkey": "5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty",
    "uuid": "6f1c2c5e-0000-4000-8000-00000000beef",
    "body_hash": body_hash(floaty, ["score", "scores"]),
}
signed["message"] = "{}.{}.{}.{}.{}".format(signed["nonce"], signed["dendrite_hotkey"], signed["axon_hotkey"], signed["uuid"], signed["body_hash"])

print(json.dumps({"cases": cases, "body_hashes": body_hashes, "input_objs": input_objs,
                  "input_obj_headers": mixed_headers, "dendrite_message": signed}, indent=1, ensure_ascii=True))
