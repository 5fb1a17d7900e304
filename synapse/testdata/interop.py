#!/usr/bin/env python3
"""Cross-checks the Go synapse package against the reference's own Synapse
class. Usage: interop.py <path to bittensor/core/synapse.py> <mode>

The reference module is loaded at run time from the given path (it is not
part of this repository) with two tiny stand-ins for the helpers it imports
(bittensor.utils.get_hash and bittensor.utils.btlogging.logging), which
need packages absent here. pydantic must be installed.

Modes:
  check     read {"headers": {...}, "body": "..."} written by Go on stdin, and
            report what the reference makes of it (from_headers, the parsed
            body, its body_hash, to_headers) as JSON on stdout.
  make      write headers and a body the reference produces, as JSON.
  request   read {"nonce", "uuid", "hotkey", "axon_hotkey", "axon_port",
            "signature"} and build a request to an axon for the simple Dummy
            (dummy_input=21) as the reference's dendrite does
            (preprocess_synapse_for_request, to_headers, model_dump): write
            {"message": <text to sign>, "headers", "body"}. The caller signs
            the message and calls again with "signature" set.
  response  read {"status", "headers", "body"} of an axon's answer and apply
            the reference dendrite's process_server_response to it; write the
            resulting synapse's fields.
"""
import hashlib
import importlib.util
import json
import sys
import types
from typing import ClassVar, Optional


def load_reference(path):
    bt = types.ModuleType("bittensor")
    utils = types.ModuleType("bittensor.utils")
    utils.get_hash = lambda s: hashlib.sha3_256(s.encode("utf-8")).hexdigest()
    btlogging = types.ModuleType("bittensor.utils.btlogging")

    class _Log:
        def __getattr__(self, _):
            return lambda *a, **k: None

    btlogging.logging = _Log()
    sys.modules.update({"bittensor": bt, "bittensor.utils": utils, "bittensor.utils.btlogging": btlogging})
    spec = importlib.util.spec_from_file_location("bittensor.core.synapse", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def main():
    mod = load_reference(sys.argv[1])
    Synapse = mod.Synapse

    from pydantic import BaseModel

    class Point(BaseModel):
        x: int
        label: str

    class Dummy(Synapse):
        dummy_input: int
        dummy_output: Optional[int] = None
        words: list[str] = []
        point: Optional[Point] = None
        ratio: float = 0.0
        required_hash_fields: ClassVar[tuple[str, ...]] = ("dummy_input", "words", "point", "ratio")

    class SimpleDummy(Synapse):
        dummy_input: int
        dummy_output: Optional[int] = None
        required_hash_fields: ClassVar[tuple[str, ...]] = ("dummy_input",)

    SimpleDummy.__name__ = "Dummy"

    if sys.argv[2] == "request":
        a = json.load(sys.stdin)
        s = SimpleDummy(dummy_input=21)
        s.timeout = 60.0  # a wide nonce window: python start-up is slow on a busy machine
        s.dendrite = mod.TerminalInfo(ip="127.0.0.1", version=10002000, nonce=a["nonce"], uuid=a["uuid"], hotkey=a["hotkey"])
        s.axon = mod.TerminalInfo(ip="127.0.0.1", port=a["axon_port"], hotkey=a["axon_hotkey"])
        message = f"{s.dendrite.nonce}.{s.dendrite.hotkey}.{s.axon.hotkey}.{s.dendrite.uuid}.{s.body_hash}"
        if a.get("signature"):
            s.dendrite.signature = a["signature"]
        json.dump({"message": message, "headers": s.to_headers(), "body": json.dumps(s.model_dump())}, sys.stdout)
        return
    if sys.argv[2] == "response":
        a = json.load(sys.stdin)
        local = SimpleDummy(dummy_input=21)
        body = json.loads(a["body"])
        if a["status"] == 200:
            server = SimpleDummy(**body)
            for key in local.model_dump().keys():
                try:
                    setattr(local, key, getattr(server, key))
                except Exception:
                    pass
        else:
            local.axon.status_code = a["status"]
            local.axon.status_message = body.get("message")
        hs = Synapse.from_headers(a["headers"])
        local.dendrite.__dict__.update({**local.dendrite.model_dump(exclude_none=True), **hs.dendrite.model_dump(exclude_none=True)})
        local.axon.__dict__.update({**local.axon.model_dump(exclude_none=True), **hs.axon.model_dump(exclude_none=True)})
        local.dendrite.status_code = local.axon.status_code
        local.dendrite.status_message = local.axon.status_message
        json.dump({"dummy_output": local.dummy_output, "status_code": local.dendrite.status_code,
                   "status_message": local.dendrite.status_message, "axon": local.axon.model_dump(),
                   "is_success": local.is_success}, sys.stdout)
        return

    if sys.argv[2] == "check":
        data = json.load(sys.stdin)
        headers = data["headers"]
        from_headers = Dummy.from_headers(headers)
        body = Dummy(**json.loads(data["body"]))
        out = {
            "from_headers_dendrite": from_headers.dendrite.model_dump(),
            "from_headers_axon": from_headers.axon.model_dump(),
            "from_headers_timeout": from_headers.timeout,
            "body_hash": body.body_hash,
            "header_hash": headers["computed_body_hash"],
            "dummy_input": body.dummy_input,
            "dummy_output": body.dummy_output,
            "ref_headers": {k: v for k, v in body.to_headers().items() if k not in ("header_size", "total_size")},
        }
        json.dump(out, sys.stdout)
    else:
        s = Dummy(dummy_input=7, words=["it's", 'a "b"', "é"], point=Point(x=-3, label="p"), ratio=1e-05, timeout=3.5)
        s.dendrite = mod.TerminalInfo(ip="1.2.3.4", version=10002000, nonce=1700000000000000000, uuid="u-1", hotkey="hk", signature="0xab")
        s.axon = mod.TerminalInfo(ip="5.6.7.8", port=8091, hotkey="ak", status_code=200, status_message="Success", process_time=0.25)
        json.dump({"headers": s.to_headers(), "body": json.dumps(s.model_dump()), "body_hash": s.body_hash}, sys.stdout)


if __name__ == "__main__":
    main()
