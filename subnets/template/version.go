package template

// Version is the template's version, "major.minor.patch".
const Version = "1.0.0"

// SpecVersion is Version as the template's integer spec_version
// (1000*major + 10*minor + patch), the default weights version key.
const SpecVersion uint64 = 1000*1 + 10*0 + 0
