package wallet

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"crypto/hmac"
	"crypto/pbkdf2"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"strings"
)

// Ansible Vault 1.1/1.2 (AES256): the body is hex of
// "hex(salt)\nhex(hmac)\nhex(ciphertext)"; PBKDF2-HMAC-SHA256(password, salt,
// 10000) yields 80 bytes: AES-256-CTR key, HMAC-SHA256 key, CTR IV.
func decryptAnsibleVault(data []byte, password string) ([]byte, error) {
	text := strings.ReplaceAll(string(data), "\r\n", "\n")
	header, body, ok := strings.Cut(text, "\n")
	if !ok {
		return nil, fmt.Errorf("%w: ansible vault without body", ErrCorruptKeyfile)
	}
	parts := strings.Split(strings.TrimSpace(header), ";")
	if len(parts) < 3 || (parts[1] != "1.1" && parts[1] != "1.2") || strings.TrimSpace(parts[2]) != "AES256" {
		return nil, fmt.Errorf("%w: ansible vault header %q", ErrUnknownFormat, header)
	}
	outer, err := hex.DecodeString(strings.Join(strings.Fields(body), ""))
	if err != nil {
		return nil, fmt.Errorf("%w: ansible vault body: %v", ErrCorruptKeyfile, err)
	}
	fields := strings.Split(string(outer), "\n")
	if len(fields) != 3 {
		return nil, fmt.Errorf("%w: ansible vault body has %d fields", ErrCorruptKeyfile, len(fields))
	}
	var raw [3][]byte
	for i, f := range fields {
		if raw[i], err = hex.DecodeString(f); err != nil {
			return nil, fmt.Errorf("%w: ansible vault field %d: %v", ErrCorruptKeyfile, i, err)
		}
	}
	salt, mac, ciphertext := raw[0], raw[1], raw[2]
	if len(ciphertext) == 0 || len(ciphertext)%aes.BlockSize != 0 {
		return nil, fmt.Errorf("%w: ansible vault ciphertext of %d bytes", ErrCorruptKeyfile, len(ciphertext))
	}
	dk, err := pbkdf2.Key(sha256.New, password, salt, 10000, 80)
	if err != nil {
		return nil, fmt.Errorf("wallet: pbkdf2: %w", err)
	}
	h := hmac.New(sha256.New, dk[32:64])
	h.Write(ciphertext)
	if !hmac.Equal(h.Sum(nil), mac) {
		return nil, ErrWrongPassword
	}
	block, err := aes.NewCipher(dk[:32])
	if err != nil {
		return nil, err
	}
	plain := make([]byte, len(ciphertext))
	cipher.NewCTR(block, dk[64:80]).XORKeyStream(plain, ciphertext)
	return unpadPKCS7(plain)
}

func unpadPKCS7(b []byte) ([]byte, error) {
	if len(b) == 0 {
		return nil, fmt.Errorf("%w: empty padded data", ErrCorruptKeyfile)
	}
	n := int(b[len(b)-1])
	if n == 0 || n > aes.BlockSize || n > len(b) || !bytes.Equal(b[len(b)-n:], bytes.Repeat([]byte{byte(n)}, n)) {
		return nil, fmt.Errorf("%w: bad padding", ErrCorruptKeyfile)
	}
	return b[:len(b)-n], nil
}

// Legacy bittensor (<= 6) Fernet keyfiles: the Fernet key is
// PBKDF2-HMAC-SHA256(password, fernetSalt, 10,000,000 rounds).
var fernetSalt = []byte("Iguesscyborgslikemyselfhaveatendencytobeparanoidaboutourorigins")

const fernetIterations = 10_000_000

// decryptFernet opens a Fernet token (version 0x80 ‖ time(8) ‖ iv(16) ‖
// AES-128-CBC ciphertext ‖ HMAC-SHA256(32)). The timestamp is not checked:
// keyfiles do not expire.
func decryptFernet(data []byte, password string, iterations int) ([]byte, error) {
	token, err := base64.URLEncoding.DecodeString(strings.TrimSpace(string(data)))
	if err != nil {
		return nil, fmt.Errorf("%w: fernet token: %v", ErrCorruptKeyfile, err)
	}
	const minLen = 1 + 8 + 16 + aes.BlockSize + 32
	if len(token) < minLen || token[0] != 0x80 || (len(token)-(1+8+16+32))%aes.BlockSize != 0 {
		return nil, fmt.Errorf("%w: fernet token of %d bytes", ErrCorruptKeyfile, len(token))
	}
	key, err := pbkdf2.Key(sha256.New, password, fernetSalt, iterations, 32)
	if err != nil {
		return nil, fmt.Errorf("wallet: pbkdf2: %w", err)
	}
	signed, mac := token[:len(token)-32], token[len(token)-32:]
	h := hmac.New(sha256.New, key[:16])
	h.Write(signed)
	if !hmac.Equal(h.Sum(nil), mac) {
		return nil, ErrWrongPassword
	}
	block, err := aes.NewCipher(key[16:])
	if err != nil {
		return nil, err
	}
	ciphertext := signed[25:]
	plain := make([]byte, len(ciphertext))
	cipher.NewCBCDecrypter(block, token[9:25]).CryptBlocks(plain, ciphertext)
	return unpadPKCS7(plain)
}
