package subtensor

import (
	"encoding/binary"

	"github.com/taonet/taonet/keys"
)

// Prefix is the subtensor module's one-byte state prefix.
const Prefix byte = 0x10

// Sub-key bytes; the table in doc.go documents each record.
const (
	subNetworkParams   byte = 0x01
	subLastLockCost    byte = 0x02
	subLastLockBlock   byte = 0x03
	subTotalStake      byte = 0x04
	subSudo            byte = 0x05
	subSubnetParams    byte = 0x10
	subSubnetState     byte = 0x11
	subNeuron          byte = 0x12
	subUID             byte = 0x13
	subWeights         byte = 0x14
	subBonds           byte = 0x15
	subAxon            byte = 0x16
	subPrometheus      byte = 0x17
	subCommits         byte = 0x18
	subOwnerParamBlock byte = 0x19
	subOwner           byte = 0x20
	subOwnedHotkey     byte = 0x21
	subStake           byte = 0x22
	subColdkeyStake    byte = 0x23
	subTotalHotkey     byte = 0x24
	subTotalColdkey    byte = 0x25
	subDelegate        byte = 0x26
	subLastTakeBlock   byte = 0x27
	subLastTxBlock     byte = 0x28
	subMembership      byte = 0x29
	subBlockHash       byte = 0x30
	subUsedWork        byte = 0x31
	subDissolveAt      byte = 0x32
	subIdentity        byte = 0x33
	subSubnetIdentity  byte = 0x34
	subColdkeySwapDur  byte = 0x35
	subColdkeySwap     byte = 0x36
	subColdkeySwapAt   byte = 0x37
)

func be16(v uint16) []byte { return binary.BigEndian.AppendUint16(nil, v) }
func be64(v uint64) []byte { return binary.BigEndian.AppendUint64(nil, v) }

func key(sub byte, parts ...[]byte) []byte {
	n := 2
	for _, p := range parts {
		n += len(p)
	}
	k := make([]byte, 0, n)
	k = append(k, Prefix, sub)
	for _, p := range parts {
		k = append(k, p...)
	}
	return k
}

func networkParamsKey() []byte              { return key(subNetworkParams) }
func lastLockCostKey() []byte               { return key(subLastLockCost) }
func lastLockBlockKey() []byte              { return key(subLastLockBlock) }
func totalStakeKey() []byte                 { return key(subTotalStake) }
func sudoKey() []byte                       { return key(subSudo) }
func subnetParamsKey(netuid uint16) []byte  { return key(subSubnetParams, be16(netuid)) }
func subnetParamsPrefix() []byte            { return key(subSubnetParams) }
func subnetStateKey(netuid uint16) []byte   { return key(subSubnetState, be16(netuid)) }
func neuronKey(netuid, uid uint16) []byte   { return key(subNeuron, be16(netuid), be16(uid)) }
func neuronPrefix(netuid uint16) []byte     { return key(subNeuron, be16(netuid)) }
func weightsKey(netuid, uid uint16) []byte  { return key(subWeights, be16(netuid), be16(uid)) }
func weightsPrefix(netuid uint16) []byte    { return key(subWeights, be16(netuid)) }
func bondsKey(netuid, uid uint16) []byte    { return key(subBonds, be16(netuid), be16(uid)) }
func bondsPrefix(netuid uint16) []byte      { return key(subBonds, be16(netuid)) }
func uidPrefix(netuid uint16) []byte        { return key(subUID, be16(netuid)) }
func axonPrefix(netuid uint16) []byte       { return key(subAxon, be16(netuid)) }
func prometheusPrefix(netuid uint16) []byte { return key(subPrometheus, be16(netuid)) }
func commitsPrefix(netuid uint16) []byte    { return key(subCommits, be16(netuid)) }
func ownerParamPrefix(netuid uint16) []byte { return key(subOwnerParamBlock, be16(netuid)) }

// dissolveAtKey is a scheduled dissolution: block ‖ netuid → the owner coldkey.
func dissolveAtKey(block uint64, netuid uint16) []byte {
	return key(subDissolveAt, be64(block), be16(netuid))
}
func dissolveAtPrefix() []byte              { return key(subDissolveAt) }
func dissolveAtBlockPrefix(b uint64) []byte { return key(subDissolveAt, be64(b)) }

func uidKey(netuid uint16, hotkey keys.PublicKey) []byte {
	return key(subUID, be16(netuid), hotkey[:])
}
func axonKey(netuid uint16, hotkey keys.PublicKey) []byte {
	return key(subAxon, be16(netuid), hotkey[:])
}
func prometheusKey(netuid uint16, hotkey keys.PublicKey) []byte {
	return key(subPrometheus, be16(netuid), hotkey[:])
}
func commitsKey(netuid uint16, hotkey keys.PublicKey) []byte {
	return key(subCommits, be16(netuid), hotkey[:])
}
func ownerParamKey(netuid uint16, call uint8) []byte {
	return key(subOwnerParamBlock, be16(netuid), []byte{call})
}
func ownerKey(hotkey keys.PublicKey) []byte { return key(subOwner, hotkey[:]) }
func ownedHotkeyKey(coldkey, hotkey keys.PublicKey) []byte {
	return key(subOwnedHotkey, coldkey[:], hotkey[:])
}
func ownedHotkeyPrefix(coldkey keys.PublicKey) []byte { return key(subOwnedHotkey, coldkey[:]) }
func stakeKey(hotkey, coldkey keys.PublicKey) []byte {
	return key(subStake, hotkey[:], coldkey[:])
}
func stakePrefix(hotkey keys.PublicKey) []byte { return key(subStake, hotkey[:]) }
func coldkeyStakeKey(coldkey, hotkey keys.PublicKey) []byte {
	return key(subColdkeyStake, coldkey[:], hotkey[:])
}
func coldkeyStakePrefix(coldkey keys.PublicKey) []byte { return key(subColdkeyStake, coldkey[:]) }
func totalHotkeyKey(hotkey keys.PublicKey) []byte      { return key(subTotalHotkey, hotkey[:]) }
func totalColdkeyKey(coldkey keys.PublicKey) []byte    { return key(subTotalColdkey, coldkey[:]) }
func delegateKey(hotkey keys.PublicKey) []byte         { return key(subDelegate, hotkey[:]) }
func lastTakeBlockKey(hotkey keys.PublicKey) []byte    { return key(subLastTakeBlock, hotkey[:]) }
func lastTxBlockKey(coldkey keys.PublicKey) []byte     { return key(subLastTxBlock, coldkey[:]) }
func membershipKey(hotkey keys.PublicKey, netuid uint16) []byte {
	return key(subMembership, hotkey[:], be16(netuid))
}
func membershipPrefix(hotkey keys.PublicKey) []byte { return key(subMembership, hotkey[:]) }
func blockHashKey(height uint64) []byte             { return key(subBlockHash, be64(height)) }
func usedWorkKey(block uint64, work [32]byte) []byte {
	return key(subUsedWork, be64(block), work[:])
}
func usedWorkBlockPrefix(block uint64) []byte { return key(subUsedWork, be64(block)) }

// coldkeySwapDurationKey holds ColdkeySwapScheduleDuration when it is not
// the default (kept apart from the NetworkParams record so that chains
// which never set it keep their state and app hashes).
func coldkeySwapDurationKey() []byte { return key(subColdkeySwapDur) }

// coldkeySwapKey is a coldkey's pending swap: its ColdkeySwap record.
func coldkeySwapKey(coldkey keys.PublicKey) []byte { return key(subColdkeySwap, coldkey[:]) }
func coldkeySwapPrefix() []byte                    { return key(subColdkeySwap) }

// coldkeySwapAtKey queues a scheduled coldkey swap: block ‖ coldkey → 1.
func coldkeySwapAtKey(block uint64, coldkey keys.PublicKey) []byte {
	return key(subColdkeySwapAt, be64(block), coldkey[:])
}
func coldkeySwapAtBlockPrefix(b uint64) []byte { return key(subColdkeySwapAt, be64(b)) }
