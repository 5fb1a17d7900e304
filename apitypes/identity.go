package apitypes

// Identity is a coldkey's published identity (set_identity).
type Identity struct {
	Name        string `json:"name"`
	URL         string `json:"url"`
	GithubRepo  string `json:"github_repo"`
	Image       string `json:"image"`
	Discord     string `json:"discord"`
	Description string `json:"description"`
	Additional  string `json:"additional"`
}

// SubnetIdentity is a subnet's published identity (set_subnet_identity).
type SubnetIdentity struct {
	SubnetName    string `json:"subnet_name"`
	GithubRepo    string `json:"github_repo"`
	SubnetContact string `json:"subnet_contact"`
	SubnetURL     string `json:"subnet_url"`
	Discord       string `json:"discord"`
	Description   string `json:"description"`
	Additional    string `json:"additional"`
}

// IdentityInfo is the body of GET /v1/identities/{ss58}.
type IdentityInfo struct {
	Height   int64    `json:"height"`
	Coldkey  string   `json:"coldkey"`
	Identity Identity `json:"identity"`
}
