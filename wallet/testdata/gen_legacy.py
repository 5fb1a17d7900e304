#!/usr/bin/python3
"""Writes the legacy keyfile fixtures with an implementation independent of
taonet (Debian python3-cryptography), in the formats older bittensor wrote:

  ansible_vault_keyfile  $ANSIBLE_VAULT;1.1;AES256 (PBKDF2-SHA256 10000, AES-256-CTR, HMAC-SHA256)
  fernet_keyfile         Fernet token, key = urlsafe_b64(PBKDF2-SHA256(pw, salt, 10_000_000))

Both hold legacy_plain.json encrypted with the password "legacy-password".
Run from this folder: /usr/bin/python3 gen_legacy.py
"""
import base64, binascii, hashlib, hmac, os
from cryptography.fernet import Fernet
from cryptography.hazmat.primitives import padding
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

PASSWORD = b"legacy-password"
plain = open("legacy_plain.json", "rb").read()

# Ansible Vault 1.1
salt = os.urandom(32)
dk = hashlib.pbkdf2_hmac("sha256", PASSWORD, salt, 10000, 80)
padder = padding.PKCS7(128).padder()
padded = padder.update(plain) + padder.finalize()
enc = Cipher(algorithms.AES(dk[:32]), modes.CTR(dk[64:80])).encryptor()
ct = enc.update(padded) + enc.finalize()
mac = hmac.new(dk[32:64], ct, hashlib.sha256).hexdigest().encode()
body = binascii.hexlify(b"\n".join([binascii.hexlify(salt), mac, binascii.hexlify(ct)]))
lines = [body[i:i + 80] for i in range(0, len(body), 80)]
open("ansible_vault_keyfile", "wb").write(b"$ANSIBLE_VAULT;1.1;AES256\n" + b"\n".join(lines) + b"\n")

# Fernet (bittensor <= 6)
SALT = b"Iguesscyborgslikemyselfhaveatendencytobeparanoidaboutourorigins"
key = base64.urlsafe_b64encode(hashlib.pbkdf2_hmac("sha256", PASSWORD, SALT, 10_000_000, 32))
open("fernet_keyfile", "wb").write(Fernet(key).encrypt(plain))
