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

print(json.dumps({"cases": cases, "body_hashes": body_hashes, "input_objs": input_objs}, indent=1, ensure_ascii=True))
