package fixed

import "errors"

// ErrOverflow is returned when an integer operation's exact result does not
// fit in its type.
var ErrOverflow = errors.New("fixed: overflow")

// ErrDivisionByZero is returned when an integer operation divides by zero.
var ErrDivisionByZero = errors.New("fixed: division by zero")
