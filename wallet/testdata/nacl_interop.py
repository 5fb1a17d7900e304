#!/usr/bin/python3
"""An independent $NACL implementation (libsodium through PyNaCl), exactly as
legacy Python bittensor wrote and read keyfiles:

  nacl_interop.py encrypt PASSWORD < plain > keyfile
  nacl_interop.py decrypt PASSWORD < keyfile > plain
  nacl_interop.py both PASSWORD PLAIN < keyfile
      prints hex(decrypt(keyfile)), a newline, hex(encrypt(PLAIN)),
      deriving the (slow) argon2i key once
"""
import sys
from nacl import pwhash, secret

SALT = b"\x13q\x83\xdf\xf1Z\t\xbc\x9c\x90\xb5Q\x879\xe9\xb1"


def box(password):
    key = pwhash.argon2i.kdf(
        secret.SecretBox.KEY_SIZE, password.encode(), SALT,
        opslimit=pwhash.argon2i.OPSLIMIT_SENSITIVE,
        memlimit=pwhash.argon2i.MEMLIMIT_SENSITIVE)
    return secret.SecretBox(key)


mode, password = sys.argv[1], sys.argv[2]
data = sys.stdin.buffer.read()
if mode == "encrypt":
    sys.stdout.buffer.write(b"$NACL" + bytes(box(password).encrypt(data)))
elif mode == "decrypt":
    assert data[:5] == b"$NACL", "not a $NACL keyfile"
    sys.stdout.buffer.write(box(password).decrypt(data[5:]))
elif mode == "both":
    assert data[:5] == b"$NACL", "not a $NACL keyfile"
    b = box(password)
    print(b.decrypt(data[5:]).hex())
    print((b"$NACL" + bytes(b.encrypt(sys.argv[3].encode()))).hex())
else:
    sys.exit("usage: nacl_interop.py encrypt|decrypt|both PASSWORD [PLAIN]")
