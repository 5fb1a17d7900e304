// Package storage is the data model of taonet's storage subnet: files cut
// into content-addressed chunks, a Merkle tree over each chunk's small
// leaves, a manifest naming the chunks, redundancy by Reed–Solomon erasure
// coding or replication, and the audits validators run on miners.
//
// Content ids are CIDv1 of raw blocks (multicodec raw 0x55, sha2-256
// multihash), written in multibase base32 ("bafkrei…"), as IPFS writes
// them: a chunk's CID is the SHA-256 of its bytes.
//
// Audits: a validator challenges a miner with a fresh random seed for one
// chunk; the seed picks the leaf (so the miner cannot know it in advance)
// and the miner answers with the leaf and its Merkle path to the chunk's
// root, which the manifest holds. A miner that kept a fraction f of a
// chunk's leaves (and cannot rebuild the rest) answers one challenge with
// probability f, so it passes c independent challenges with probability
// f^c: the false-accept rate. For f = 1/2, c = 20 challenges bring it under
// 10⁻⁶ (see FalseAcceptRate and ChallengesFor; a test checks the formula
// against simulated lazy miners).
package storage
