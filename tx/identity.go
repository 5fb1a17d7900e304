package tx

// Identity call indices (SubtensorModule).
const (
	CallSetIdentity       uint8 = 68
	CallSetSubnetIdentity uint8 = 78
)

// MaxIdentityField bounds one identity field on the wire (the chain's own
// limits per field are lower or equal; see subtensor.ValidIdentity).
const MaxIdentityField = 1024

// SetIdentity publishes the signing coldkey's identity (set_identity).
type SetIdentity struct {
	IdentityName, URL, GithubRepo, Image, Discord, Description, Additional string
}

// SetSubnetIdentity publishes a subnet's identity, signed by its owner
// coldkey (set_subnet_identity).
type SetSubnetIdentity struct {
	Netuid                                                                             uint16
	SubnetName, GithubRepo, SubnetContact, SubnetURL, Discord, Description, Additional string
}

// Module implements Call.
func (SetIdentity) Module() uint8 { return ModuleSubtensor }

// Index implements Call.
func (SetIdentity) Index() uint8 { return CallSetIdentity }

// Name implements Call.
func (SetIdentity) Name() string { return "SubtensorModule.set_identity" }

func (c SetIdentity) fields() []*string {
	return []*string{&c.IdentityName, &c.URL, &c.GithubRepo, &c.Image, &c.Discord, &c.Description, &c.Additional}
}

// EncodeFields implements Call: the seven fields as strings, in order.
func (c SetIdentity) EncodeFields(e *Encoder) {
	for _, f := range c.fields() {
		e.String(*f)
	}
}

// Module implements Call.
func (SetSubnetIdentity) Module() uint8 { return ModuleSubtensor }

// Index implements Call.
func (SetSubnetIdentity) Index() uint8 { return CallSetSubnetIdentity }

// Name implements Call.
func (SetSubnetIdentity) Name() string { return "SubtensorModule.set_subnet_identity" }

func (c *SetSubnetIdentity) fields() []*string {
	return []*string{&c.SubnetName, &c.GithubRepo, &c.SubnetContact, &c.SubnetURL, &c.Discord, &c.Description, &c.Additional}
}

// EncodeFields implements Call: the netuid, then the seven fields as strings.
func (c SetSubnetIdentity) EncodeFields(e *Encoder) {
	e.U16(c.Netuid)
	for _, f := range c.fields() {
		e.String(*f)
	}
}

func init() {
	Register(ModuleSubtensor, CallSetIdentity, SetIdentity{}.Name(), func(d *Decoder) Call {
		var c SetIdentity
		for _, f := range []*string{&c.IdentityName, &c.URL, &c.GithubRepo, &c.Image, &c.Discord, &c.Description, &c.Additional} {
			*f = d.String("identity field", MaxIdentityField)
		}
		return c
	})
	Register(ModuleSubtensor, CallSetSubnetIdentity, SetSubnetIdentity{}.Name(), func(d *Decoder) Call {
		var c SetSubnetIdentity
		c.Netuid = d.U16("netuid")
		for _, f := range c.fields() {
			*f = d.String("identity field", MaxIdentityField)
		}
		return c
	})
}
