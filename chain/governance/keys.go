package governance

import "github.com/taonet/taonet/keys"

// Prefix is the governance module's one-byte state prefix.
const Prefix byte = 0x20

const (
	subParams      byte = 0x01
	subTriumvirate byte = 0x02
	subSenate      byte = 0x03
	subMotion      byte = 0x04
	subCount       byte = 0x05
)

func paramsKey() []byte                      { return []byte{Prefix, subParams} }
func countKey() []byte                       { return []byte{Prefix, subCount} }
func triumviratePrefix() []byte              { return []byte{Prefix, subTriumvirate} }
func senatePrefix() []byte                   { return []byte{Prefix, subSenate} }
func motionPrefix() []byte                   { return []byte{Prefix, subMotion} }
func triumvirateKey(a keys.PublicKey) []byte { return append(triumviratePrefix(), a[:]...) }
func senateKey(h keys.PublicKey) []byte      { return append(senatePrefix(), h[:]...) }
func motionKey(hash [32]byte) []byte         { return append(motionPrefix(), hash[:]...) }
