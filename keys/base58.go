package keys

// The bitcoin base58 alphabet, used by SS58.
const base58Alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"

var base58Index = func() [256]int8 {
	var t [256]int8
	for i := range t {
		t[i] = -1
	}
	for i := 0; i < len(base58Alphabet); i++ {
		t[base58Alphabet[i]] = int8(i)
	}
	return t
}()

// base58Radix is 58^5: five base58 digits per limb, so a limb fits 30 bits
// and a limb shifted by a 32-bit input word fits a uint64.
const base58Radix = 58 * 58 * 58 * 58 * 58

// base58Encode encodes b with the bitcoin alphabet; each leading zero byte
// becomes a leading '1'. It converts 32 input bits at a time into limbs of
// five base58 digits (about 20× fewer divisions than digit-at-a-time).
func base58Encode(b []byte) string {
	zeros := 0
	for zeros < len(b) && b[zeros] == 0 {
		zeros++
	}
	rest := b[zeros:]
	// limbs hold the value in base 58^5, least significant first.
	limbs := make([]uint32, 0, len(rest)*137/500+2)
	for len(rest) > 0 {
		n := len(rest) % 4
		if n == 0 {
			n = 4
		}
		var word uint64
		for _, c := range rest[:n] {
			word = word<<8 | uint64(c)
		}
		rest = rest[n:]
		carry := word
		for i := range limbs {
			carry += uint64(limbs[i]) << (8 * uint(n))
			limbs[i] = uint32(carry % base58Radix)
			carry /= base58Radix
		}
		for carry > 0 {
			limbs = append(limbs, uint32(carry%base58Radix))
			carry /= base58Radix
		}
	}
	digits := make([]byte, 0, 5*len(limbs))
	for _, l := range limbs {
		for k := 0; k < 5; k++ {
			digits = append(digits, byte(l%58))
			l /= 58
		}
	}
	for len(digits) > 0 && digits[len(digits)-1] == 0 {
		digits = digits[:len(digits)-1]
	}
	out := make([]byte, zeros+len(digits))
	for i := 0; i < zeros; i++ {
		out[i] = '1'
	}
	for i, d := range digits {
		out[len(out)-1-i] = base58Alphabet[d]
	}
	return string(out)
}

// base58Decode is the inverse of base58Encode. It returns ErrInvalidBase58
// for characters outside the alphabet.
func base58Decode(s string) ([]byte, error) {
	zeros := 0
	for zeros < len(s) && s[zeros] == '1' {
		zeros++
	}
	// log(58)/log(256) < 0.733
	bytes := make([]byte, 0, len(s)*733/1000+1)
	for i := zeros; i < len(s); i++ {
		v := base58Index[s[i]]
		if v < 0 {
			return nil, ErrInvalidBase58
		}
		carry := int(v)
		for j := range bytes {
			carry += int(bytes[j]) * 58
			bytes[j] = byte(carry)
			carry >>= 8
		}
		for carry > 0 {
			bytes = append(bytes, byte(carry))
			carry >>= 8
		}
	}
	out := make([]byte, zeros+len(bytes))
	for i, b := range bytes {
		out[len(out)-1-i] = b
	}
	return out, nil
}
