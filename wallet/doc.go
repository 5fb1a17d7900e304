// Package wallet stores Bittensor keys on disk in the layout and formats of
// the reference wallet (btwallet / bittensor):
//
//	<path>/<name>/coldkey                  full keypair JSON, normally $NACL-encrypted
//	<path>/<name>/coldkeypub.txt           public-only JSON, never encrypted
//	<path>/<name>/hotkeys/<hotkey>         full keypair JSON, normally plaintext
//	<path>/<name>/hotkeys/<hotkey>pub.txt  public-only JSON
//
// Keyfiles written here open in bittensor and the reverse: the JSON carries
// the reference's field names, and encryption is its "$NACL" format
// (argon2i with the reference's fixed salt and "sensitive" limits, then
// XSalsa20-Poly1305 secretbox). Legacy Ansible Vault and Fernet keyfiles and
// polkadot.js JSON exports can be read.
//
// Files are written with mode 0600 through a temporary file and a rename, so
// a crash never leaves a half-written key; new directories get mode 0700.
// Nothing is ever overwritten unless the caller asks for it.
//
// The package is used by the CLI and SDK, never by the state machine.
package wallet
