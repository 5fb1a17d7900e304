package subtensor

import (
	"github.com/taonet/taonet/apitypes"
	"unicode/utf8"

	"github.com/taonet/taonet/chain/module"
	"github.com/taonet/taonet/keys"
	"github.com/taonet/taonet/store"
	"github.com/taonet/taonet/tx"
)

// Identity is a coldkey's published identity (the reference's
// ChainIdentityV2), in its wire form.
type Identity = apitypes.Identity

// SubnetIdentity is a subnet's published identity (SubnetIdentityV2), in
// its wire form.
type SubnetIdentity = apitypes.SubnetIdentity

func identityFields(i *Identity) []*string {
	return []*string{&i.Name, &i.URL, &i.GithubRepo, &i.Image, &i.Discord, &i.Description, &i.Additional}
}

func subnetIdentityFields(i *SubnetIdentity) []*string {
	return []*string{&i.SubnetName, &i.GithubRepo, &i.SubnetContact, &i.SubnetURL, &i.Discord, &i.Description, &i.Additional}
}

// Per-field byte limits, the reference's is_valid_identity and
// is_valid_subnet_identity, in field order.
var (
	identityLimits       = []int{256, 256, 256, 1024, 256, 1024, 1024}
	subnetIdentityLimits = []int{256, 1024, 1024, 1024, 256, 1024, 1024}
)

// validIdentity checks each field against its limit (bytes) and that it is
// UTF-8; field names the failing one.
func validIdentity(fields []*string, limits []int, names []string) error {
	for i, f := range fields {
		if len(*f) > limits[i] {
			return module.Wrapf(ErrInvalidIdentity, "%s is %d bytes, at most %d", names[i], len(*f), limits[i])
		}
		if !utf8.ValidString(*f) {
			return module.Wrapf(ErrInvalidIdentity, "%s is not UTF-8", names[i])
		}
	}
	return nil
}

var (
	identityFieldNames       = []string{"name", "url", "github_repo", "image", "discord", "description", "additional"}
	subnetIdentityFieldNames = []string{"subnet_name", "github_repo", "subnet_contact", "subnet_url", "discord", "description", "additional"}
)

func identityKey(coldkey keys.PublicKey) []byte { return key(subIdentity, coldkey[:]) }
func subnetIdentityKey(netuid uint16) []byte    { return key(subSubnetIdentity, be16(netuid)) }

func encodeFields(fields []*string) []byte {
	var e tx.Encoder
	for _, f := range fields {
		e.String(*f)
	}
	return e.Bytes()
}

func decodeFields(k, v []byte, fields []*string) {
	d := tx.NewDecoder(v)
	for _, f := range fields {
		*f = d.String("field", tx.MaxIdentityField)
	}
	mustDecode(k, d)
}

// SetIdentity is set_identity: coldkey publishes its identity. It must own
// a hotkey registered on some subnet (HotKeyNotRegisteredInNetwork); each
// field within the reference's limits and UTF-8 (InvalidIdentity).
func SetIdentity(ctx *module.Context, coldkey keys.PublicKey, c tx.SetIdentity) error {
	kv := ctx.KV
	registered := false
	for _, hk := range OwnedHotkeys(kv, coldkey) {
		if len(Registrations(kv, hk)) > 0 {
			registered = true
			break
		}
	}
	if !registered {
		return module.Wrapf(ErrHotKeyNotRegisteredInNetwork, "no hotkey of %s is registered on a subnet", coldkey.SS58())
	}
	id := Identity{Name: c.IdentityName, URL: c.URL, GithubRepo: c.GithubRepo, Image: c.Image, Discord: c.Discord,
		Description: c.Description, Additional: c.Additional}
	if err := validIdentity(identityFields(&id), identityLimits, identityFieldNames); err != nil {
		return err
	}
	kv.Set(identityKey(coldkey), encodeFields(identityFields(&id)))
	ctx.Events.Emit("ChainIdentitySet", "coldkey", coldkey.SS58())
	return nil
}

// SetSubnetIdentity is set_subnet_identity: the subnet's owner coldkey
// publishes its identity (NotSubnetOwner, InvalidIdentity).
func SetSubnetIdentity(ctx *module.Context, coldkey keys.PublicKey, c tx.SetSubnetIdentity) error {
	kv := ctx.KV
	if !SubnetExists(kv, c.Netuid) || c.Netuid == RootNetUID {
		return ErrSubnetNotExists
	}
	if State(kv, c.Netuid).Owner != coldkey {
		return ErrNotSubnetOwner
	}
	id := SubnetIdentity{SubnetName: c.SubnetName, GithubRepo: c.GithubRepo, SubnetContact: c.SubnetContact,
		SubnetURL: c.SubnetURL, Discord: c.Discord, Description: c.Description, Additional: c.Additional}
	if err := validIdentity(subnetIdentityFields(&id), subnetIdentityLimits, subnetIdentityFieldNames); err != nil {
		return err
	}
	kv.Set(subnetIdentityKey(c.Netuid), encodeFields(subnetIdentityFields(&id)))
	ctx.Events.Emit("SubnetIdentitySet", "netuid", u16s(c.Netuid))
	return nil
}

// GetIdentity returns coldkey's identity, if it published one.
func GetIdentity(kv store.Reader, coldkey keys.PublicKey) (Identity, bool) {
	k := identityKey(coldkey)
	v := kv.Get(k)
	if v == nil {
		return Identity{}, false
	}
	var id Identity
	decodeFields(k, v, identityFields(&id))
	return id, true
}

// GetSubnetIdentity returns netuid's identity, if its owner published one.
func GetSubnetIdentity(kv store.Reader, netuid uint16) (SubnetIdentity, bool) {
	k := subnetIdentityKey(netuid)
	v := kv.Get(k)
	if v == nil {
		return SubnetIdentity{}, false
	}
	var id SubnetIdentity
	decodeFields(k, v, subnetIdentityFields(&id))
	return id, true
}
