package yuma

// InputError is returned by Epoch when the input is inconsistent (a slice of
// the wrong length). Field names the offending Input field.
type InputError struct {
	Field  string
	Reason string
}

func (e *InputError) Error() string { return "yuma: " + e.Field + ": " + e.Reason }
