package auth

// commonPasswords is a short list of passwords seen most often in leaks,
// including Indonesian favourites; longer lists belong in a file.
var commonPasswords = map[string]bool{}

func init() {
	for _, p := range []string{
		"1234567890", "12345678910", "123456789a", "qwertyuiop", "password123", "password12",
		"passw0rd123", "iloveyou123", "1q2w3e4r5t", "qwerty12345", "abcdefghij", "0987654321",
		"1111111111", "0000000000", "123123123123", "asdfghjkl1", "zxcvbnm123", "indonesia1",
		"indonesia123", "bismillah123", "bismillah1", "sayangku123", "rahasia123", "rahasia1234",
		"admin12345", "administrator", "lapor12345", "lapor123456", "bontang123", "jakarta123",
		"welcome123", "letmein123", "superman123", "sandiaman1", "katasandi123", "merdeka1945",
		"passwordku", "password1234", "adminadmin", "qwerty123456", "1234qwerty", "aaaaaaaaaa",
	} {
		commonPasswords[p] = true
	}
}
