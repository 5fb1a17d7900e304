#!/usr/bin/env python3
"""Generates pow_vectors.json: PoW difficulty verdicts computed the way the
reference does, independently of taonet's solver.

bittensor's solver reads a seal as int.from_bytes(seal, "big") and the
chain's hash_meets_difficulty reads it with U256::from(&[u8]) (byte 0
highest); a seal meets difficulty d when seal_int * d < 2**256. Seals here
are SHA-256 digests of fixed labels (the verdict only needs 32 bytes); each
vector records both readings, and the set is chosen so that big- and
little-endian readings disagree on most of them. Boundary seals at the
chain's real difficulties pin the exact limit (2**256 - 1) // d.

Run: python3 gen_pow_vectors.py > pow_vectors.json
"""
import hashlib
import json

vectors = []
i = 0
while len(vectors) < 24:
    seal = hashlib.sha256(b"taonet-pow-vector-%d" % i).digest()
    i += 1
    big = int.from_bytes(seal, "big")
    little = int.from_bytes(seal, "little")
    # A difficulty between the two readings' limits makes them disagree.
    lo, hi = sorted([2**256 // (big + 1), 2**256 // (little + 1)])
    if hi - lo < 2 or lo >= 2**64:
        continue
    d = min((lo + hi) // 2, 2**64 - 1)
    vectors.append({
        "seal": seal.hex(),
        "difficulty": d,
        "meets_big_endian": big * d < 2**256,
        "meets_little_endian": little * d < 2**256,
    })
# Boundary seals at the chain's real difficulties (the default and minimum
# 10_000_000, 2**32, and MaxDifficulty u64::MAX/4): the largest big-endian
# value that meets d, (2**256 - 1) // d, passes and one more fails; read
# little-endian, the passing ones fail.
for d in [10_000_000, 2**32, (2**64 - 1) // 4]:
    limit = (2**256 - 1) // d
    for h in [limit, limit + 1]:
        seal = h.to_bytes(32, "big")
        little = int.from_bytes(seal, "little")
        vectors.append({
            "seal": seal.hex(),
            "difficulty": d,
            "meets_big_endian": h * d < 2**256,
            "meets_little_endian": little * d < 2**256,
        })
# Two edge cases: difficulty 1 always passes; the all-0xff seal fails at 2.
vectors.append({"seal": "ff" * 32, "difficulty": 1, "meets_big_endian": True, "meets_little_endian": True})
vectors.append({"seal": "ff" * 32, "difficulty": 2, "meets_big_endian": False, "meets_little_endian": False})
print(json.dumps(vectors, indent=1))
