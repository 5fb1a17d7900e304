#!/usr/bin/env python3
"""Generates seal_vectors.json: registration seals computed as the
reference's create_seal_hash, and their PoW verdicts, independently of
taonet's Go code (SealHash, MeetsDifficulty, SolvePow).

  pre  = keccak256(block_hash ‖ hotkey)
  seal = keccak256(sha256(nonce.to_le_bytes() ‖ pre))

Keccak-256 is the original (pre-NIST) padding that substrate's and
bittensor's keccak use; Python's hashlib only has NIST SHA3, so a plain
Keccak-f[1600] sponge is written out below and checked against the known
digest of the empty string. A seal meets difficulty d when
int.from_bytes(seal, "big") * d < 2**256 (bittensor's solver and the
chain's U256::from(&[u8])); each vector also records the little-endian
verdict, and difficulties are picked between the two readings' limits so
that most vectors tell the byte orders apart.

Run: python3 gen_seal_vectors.py > seal_vectors.json
"""
import hashlib
import json

RC = [
    0x0000000000000001, 0x0000000000008082, 0x800000000000808A, 0x8000000080008000,
    0x000000000000808B, 0x0000000080000001, 0x8000000080008081, 0x8000000000008009,
    0x000000000000008A, 0x0000000000000088, 0x0000000080008009, 0x000000008000000A,
    0x000000008000808B, 0x800000000000008B, 0x8000000000008089, 0x8000000000008003,
    0x8000000000008002, 0x8000000000000080, 0x000000000000800A, 0x800000008000000A,
    0x8000000080008081, 0x8000000000008080, 0x0000000080000001, 0x8000000080008008,
]
ROT = [[0, 36, 3, 41, 18], [1, 44, 10, 45, 2], [62, 6, 43, 15, 61], [28, 55, 25, 21, 56], [27, 20, 39, 8, 14]]
M = (1 << 64) - 1


def rol(v, n):
    return ((v << n) | (v >> (64 - n))) & M if n else v


def keccak_f(a):
    for rc in RC:
        c = [a[x][0] ^ a[x][1] ^ a[x][2] ^ a[x][3] ^ a[x][4] for x in range(5)]
        d = [c[(x - 1) % 5] ^ rol(c[(x + 1) % 5], 1) for x in range(5)]
        a = [[a[x][y] ^ d[x] for y in range(5)] for x in range(5)]
        b = [[0] * 5 for _ in range(5)]
        for x in range(5):
            for y in range(5):
                b[y][(2 * x + 3 * y) % 5] = rol(a[x][y], ROT[x][y])
        a = [[b[x][y] ^ ((~b[(x + 1) % 5][y]) & b[(x + 2) % 5][y]) for y in range(5)] for x in range(5)]
        a[0][0] ^= rc
    return a


def keccak256(data):
    rate = 136
    msg = bytearray(data) + b"\x01"
    while len(msg) % rate:
        msg += b"\x00"
    msg[-1] |= 0x80
    a = [[0] * 5 for _ in range(5)]
    for off in range(0, len(msg), rate):
        block = msg[off:off + rate]
        for i in range(rate // 8):
            x, y = i % 5, i // 5
            a[x][y] ^= int.from_bytes(block[8 * i:8 * i + 8], "little")
        a = keccak_f(a)
    out = b"".join(a[i % 5][i // 5].to_bytes(8, "little") for i in range(4))
    return out


assert keccak256(b"").hex() == "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470"


def seal_hash(block_hash, hotkey, nonce):
    pre = keccak256(block_hash + hotkey)
    return keccak256(hashlib.sha256(nonce.to_bytes(8, "little") + pre).digest())


vectors = []
i = 0
while len(vectors) < 16:
    block_hash = hashlib.sha256(b"taonet-seal-block-%d" % i).digest()
    hotkey = hashlib.sha256(b"taonet-seal-hotkey-%d" % i).digest()
    nonce = int.from_bytes(hashlib.sha256(b"taonet-seal-nonce-%d" % i).digest()[:8], "little")
    i += 1
    seal = seal_hash(block_hash, hotkey, nonce)
    big, little = int.from_bytes(seal, "big"), int.from_bytes(seal, "little")
    lo, hi = sorted([2**256 // (big + 1), 2**256 // (little + 1)])
    if hi - lo < 2 or lo >= 2**64:
        continue
    d = min((lo + hi) // 2, 2**64 - 1)
    vectors.append({
        "block_hash": block_hash.hex(),
        "hotkey": hotkey.hex(),
        "nonce": nonce,
        "seal": seal.hex(),
        "difficulty": d,
        "meets_big_endian": big * d < 2**256,
        "meets_little_endian": little * d < 2**256,
    })
print(json.dumps(vectors, indent=1))
