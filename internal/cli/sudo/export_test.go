package sudo

// APINames exposes apiNames to the tests.
var APINames = apiNames
