package wallet

// DecryptFernetIter exposes the Fernet decoder with a chosen PBKDF2 round
// count, so fuzzing does not pay for 10,000,000 rounds per input.
var DecryptFernetIter = decryptFernet
