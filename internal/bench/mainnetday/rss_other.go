//go:build !unix

package mainnetday

// peakRSS is unknown on this platform.
func peakRSS() int64 { return 0 }
