package wallet_test

import (
	"errors"
	"os"
	"testing"

	"github.com/taonet/taonet/wallet"
)

func FuzzDecodeKeyfile(f *testing.F) {
	legacy, _ := os.ReadFile("testdata/legacy_plain.json")
	f.Add(legacy)
	f.Add(wallet.EncodeKeyfile(mustKey(oldLeopard)))
	f.Add(wallet.EncodePublicKeyfile(mustKey("//Alice").Public()))
	f.Add([]byte("0xd43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d"))
	f.Add([]byte(`{"secretSeed":null,"privateKey":"0x00"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		k, err := wallet.DecodeKeyfile(data)
		if err != nil {
			if !errors.Is(err, wallet.ErrCorruptKeyfile) && !errors.Is(err, wallet.ErrUnknownFormat) {
				t.Fatalf("unnamed error %v", err)
			}
			return
		}
		if k.Keypair != nil && k.Keypair.Public() != k.Public {
			t.Fatal("keypair and public key differ")
		}
	})
}

func FuzzDecrypt(f *testing.F) {
	enc, _ := wallet.EncryptNaCl([]byte(`{"a":"b"}`), "pw", fastKDF)
	vault, _ := os.ReadFile("testdata/ansible_vault_keyfile")
	f.Add(enc)
	f.Add(vault)
	f.Add([]byte("$NACL"))
	f.Add([]byte("$ANSIBLE_VAULT;1.2;AES256;id\n3030"))
	f.Fuzz(func(t *testing.T, data []byte) {
		if wallet.DetectFormat(data) == wallet.FormatFernet {
			return // 10M PBKDF2 rounds per input; see FuzzFernet
		}
		_, err := wallet.Decrypt(data, "pw", fastKDF)
		if err != nil && !errors.Is(err, wallet.ErrCorruptKeyfile) && !errors.Is(err, wallet.ErrUnknownFormat) && !errors.Is(err, wallet.ErrWrongPassword) {
			t.Fatalf("unnamed error %v", err)
		}
	})
}

func FuzzFernet(f *testing.F) {
	fernet, _ := os.ReadFile("testdata/fernet_keyfile")
	f.Add(fernet)
	f.Add([]byte("gAAAAA"))
	f.Fuzz(func(t *testing.T, data []byte) {
		_, err := wallet.DecryptFernetIter(data, "pw", 1)
		if err != nil && !errors.Is(err, wallet.ErrCorruptKeyfile) && !errors.Is(err, wallet.ErrWrongPassword) {
			t.Fatalf("unnamed error %v", err)
		}
	})
}

func FuzzPolkadotJSON(f *testing.F) {
	f.Add([]byte(polkadotJS))
	f.Add([]byte(`{"encoded":"","encoding":{"content":["pkcs8","sr25519"],"type":["none"],"version":"3"}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		_, err := wallet.DecodePolkadotJSON(data, "Password123")
		if err != nil && !errors.Is(err, wallet.ErrInvalidPolkadotJSON) && !errors.Is(err, wallet.ErrWrongPassword) {
			t.Fatalf("unnamed error %v", err)
		}
	})
}
