package keys

// EncodeSS58NonCanonicalForTest spells prefix 0 in the two-byte form
// (0x40 0x00), which DecodeSS58 must refuse.
func EncodeSS58NonCanonicalForTest(pub PublicKey) string {
	payload := append([]byte{0x40, 0x00}, pub[:]...)
	payload = append(payload, ss58Checksum(payload)...)
	return base58Encode(payload)
}
