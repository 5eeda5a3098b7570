package kb

import (
	"bytes"
	"unicode"
	"unicode/utf8"
)

// Normalize returns the transliteration-tolerant lookup key of a place
// name. Two spellings of one Arabic, Kurdish or Turkish name usually share
// it: case, diacritics, apostrophes and ayns, hyphens and spaces, a leading
// article (al-, el-, ar-, as-, ad-, at-, az-, an-, a-, ez-...), doubled
// letters, vowel quality (runs of a/e/i/o/u, and y/w after a vowel, fold to
// one "a"), the endings -ah/-eh, Abu/Albu/Al-Bu, dh/z, q/k, kh/h, gh/g,
// ch/sh and dj/j are all ignored. The key is built word by word, so the key
// of a phrase is the concatenation of the keys of its words; Mentions relies
// on that.
func Normalize(name string) string {
	var k keyer
	return string(k.normalize(name))
}

// keyer computes keys with reusable buffers; the slices it returns are
// valid until its next call. It is not safe for concurrent use.
type keyer struct {
	flat []byte // folded letters of all words
	ends []int  // end offset in flat of each word
	dig  []byte // scratch for the digraph pass
	out  []byte
}

// split folds name to lower-case letters without diacritics and cuts it
// into words at spaces, hyphens and punctuation. Apostrophes and ayns
// vanish without cutting ("Dar'a" is one word).
func (k *keyer) split(name string) {
	k.flat, k.ends = k.flat[:0], k.ends[:0]
	inWord := false
	flush := func() {
		if inWord {
			k.ends = append(k.ends, len(k.flat))
			inWord = false
		}
	}
	for i := 0; i < len(name); {
		c := name[i]
		if c < utf8.RuneSelf {
			i++
			switch {
			case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
				k.flat = append(k.flat, c)
				inWord = true
			case c >= 'A' && c <= 'Z':
				k.flat = append(k.flat, c+'a'-'A')
				inWord = true
			case c == '\'' || c == '`':
			default:
				flush()
			}
			continue
		}
		r, n := utf8.DecodeRuneInString(name[i:])
		i += n
		if isApostrophe(r) {
			continue
		}
		if s, ok := latinFold[r]; ok {
			k.flat = append(k.flat, s...)
			inWord = true
			continue
		}
		if unicode.Is(unicode.Mn, r) || isArabicMark(r) {
			continue
		}
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			k.flat = utf8.AppendRune(k.flat, arabicFold(unicode.ToLower(r)))
			inWord = true
			continue
		}
		flush()
	}
	flush()
}

func (k *keyer) word(i int) []byte {
	start := 0
	if i > 0 {
		start = k.ends[i-1]
	}
	return k.flat[start:k.ends[i]]
}

// normalize returns the Normalize key of name.
func (k *keyer) normalize(name string) []byte {
	k.split(name)
	k.out = k.out[:0]
	n := len(k.ends)
	for i := 0; i < n; i++ {
		k.out = k.appendWordKey(k.out, k.word(i), i == n-1)
	}
	if len(k.out) == 0 && n > 0 {
		// A name that is only an article ("Al") keeps it.
		k.out = k.appendPhonetic(k.out, k.word(n-1))
	}
	return k.out
}

// keys returns the Normalize key of name, a hash of its light key and its
// number of words, splitting it once.
func (k *keyer) keys(name string) (key []byte, light uint64, words int) {
	k.split(name)
	k.out = k.out[:0]
	n := len(k.ends)
	light = 14695981039346656037
	for i := 0; i < n; i++ {
		w := k.word(i)
		if i < n-1 && articles[string(w)] {
			continue
		}
		for _, c := range w {
			light ^= uint64(c)
			light *= 1099511628211
		}
		k.out = k.appendWordKey(k.out, w, i == n-1)
	}
	if len(k.out) == 0 && n > 0 {
		k.out = k.appendPhonetic(k.out, k.word(n-1))
	}
	return k.out, light, n
}

// light returns the light key of name, stricter than Normalize: letters
// only, folded case and diacritics, articles dropped, but vowels and
// doubled letters kept. It measures how close two spellings are.
func (k *keyer) light(name string) []byte {
	k.split(name)
	k.out = k.out[:0]
	n := len(k.ends)
	for i := 0; i < n; i++ {
		w := k.word(i)
		if i < n-1 && articles[string(w)] {
			continue
		}
		k.out = append(k.out, w...)
	}
	return k.out
}

// appendWordKey appends the key of one folded word; last says whether it
// ends the name (an article is dropped only before another word).
func (k *keyer) appendWordKey(dst, w []byte, last bool) []byte {
	if !last && articles[string(w)] {
		return dst
	}
	switch string(w) {
	case "abu", "abou", "albu", "bu":
		return append(dst, 'b', 'a')
	}
	if len(w) > 5 && (bytes.HasPrefix(w, []byte("albu")) || bytes.HasPrefix(w, []byte("abou"))) {
		return k.appendPhonetic(append(dst, 'b', 'a'), w[4:])
	}
	if len(w) > 4 && bytes.HasPrefix(w, []byte("abu")) {
		return k.appendPhonetic(append(dst, 'b', 'a'), w[3:])
	}
	if len(w) > len("ال")+2 && bytes.HasPrefix(w, []byte("ال")) {
		return append(dst, w[len("ال"):]...)
	}
	return k.appendPhonetic(dst, w)
}

// articles lists the Arabic article in its transliterations (the
// assimilated forms too) that precede a name.
var articles = map[string]bool{
	"al": true, "el": true, "ul": true, "il": true, "ar": true, "er": true,
	"as": true, "es": true, "ash": true, "esh": true, "ad": true, "ed": true,
	"adh": true, "at": true, "et": true, "ath": true, "az": true, "ez": true,
	"an": true, "en": true, "a": true, "e": true, "l": true, "ah": true,
	"ال": true,
}

func isArticle(w string) bool { return articles[w] }

func isVowel(c byte) bool {
	return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'
}

// appendPhonetic appends the folded spelling of one lower-case word; bytes
// of other scripts pass through.
func (k *keyer) appendPhonetic(dst, w []byte) []byte {
	// Digraphs first.
	d := k.dig[:0]
	for i := 0; i < len(w); i++ {
		c := w[i]
		if i+1 < len(w) {
			n := w[i+1]
			switch {
			case c == 'd' && n == 'h':
				d = append(d, 'z')
				i++
				continue
			case c == 'k' && n == 'h':
				d = append(d, 'h')
				i++
				continue
			case c == 'g' && n == 'h':
				d = append(d, 'g')
				i++
				continue
			case c == 'c' && n == 'h':
				d = append(d, 's', 'h')
				i++
				continue
			case c == 'd' && n == 'j':
				d = append(d, 'j')
				i++
				continue
			}
		}
		if c == 'q' {
			c = 'k'
		}
		d = append(d, c)
	}
	k.dig = d
	// Vowel runs (y/w after a vowel, or y between consonants, belong to
	// the run) fold to one 'a'; doubled consonants collapse.
	start := len(dst)
	inVowel := false
	for i := 0; i < len(d); i++ {
		c := d[i]
		if c >= utf8.RuneSelf { // other scripts are copied as they are
			dst = append(dst, c)
			inVowel = false
			continue
		}
		v := isVowel(c)
		if !v && (c == 'y' || c == 'w') {
			prevV := i > 0 && (isVowel(d[i-1]) || inVowel)
			nextV := i+1 < len(d) && isVowel(d[i+1])
			if prevV || (c == 'y' && i > 0 && !nextV) {
				v = true
			}
		}
		if v {
			if !inVowel {
				dst = append(dst, 'a')
				inVowel = true
			}
			continue
		}
		inVowel = false
		if len(dst) > start && dst[len(dst)-1] == c {
			continue
		}
		dst = append(dst, c)
	}
	// -ah, -eh, -ih endings lose the h.
	if n := len(dst) - start; n > 2 && dst[len(dst)-1] == 'h' && dst[len(dst)-2] == 'a' {
		dst = dst[:len(dst)-1]
	}
	return dst
}

// splitWords returns the folded words of name.
func splitWords(name string) []string {
	var k keyer
	k.split(name)
	out := make([]string, len(k.ends))
	for i := range k.ends {
		out[i] = string(k.word(i))
	}
	return out
}

func isApostrophe(r rune) bool {
	switch r {
	case '\'', '`', '´', '‘', '’', 'ʼ', 'ʻ', 'ʽ', 'ʾ', 'ʿ', 'ˈ', '′':
		return true
	}
	return false
}

func isArabicMark(r rune) bool {
	return (r >= 0x064B && r <= 0x065F) || r == 0x0670 || r == 0x0640
}

// arabicFold merges Arabic letter variants that spellings mix freely.
func arabicFold(r rune) rune {
	switch r {
	case 'أ', 'إ', 'آ', 'ٱ':
		return 'ا'
	case 'ة':
		return 'ه'
	case 'ى':
		return 'ي'
	}
	return r
}

// latinFold maps Latin letters with diacritics, and a few special letters,
// to plain ASCII.
var latinFold = map[rune]string{
	'à': "a", 'á': "a", 'â': "a", 'ã': "a", 'ä': "a", 'å': "a", 'æ': "ae", 'ç': "c",
	'è': "e", 'é': "e", 'ê': "e", 'ë': "e", 'ì': "i", 'í': "i", 'î': "i", 'ï': "i",
	'ð': "d", 'ñ': "n", 'ò': "o", 'ó': "o", 'ô': "o", 'õ': "o", 'ö': "o", 'ø': "o",
	'ù': "u", 'ú': "u", 'û': "u", 'ü': "u", 'ý': "y", 'þ': "th", 'ÿ': "y", 'ß': "ss",
	'À': "a", 'Á': "a", 'Â': "a", 'Ã': "a", 'Ä': "a", 'Å': "a", 'Æ': "ae", 'Ç': "c",
	'È': "e", 'É': "e", 'Ê': "e", 'Ë': "e", 'Ì': "i", 'Í': "i", 'Î': "i", 'Ï': "i",
	'Ð': "d", 'Ñ': "n", 'Ò': "o", 'Ó': "o", 'Ô': "o", 'Õ': "o", 'Ö': "o", 'Ø': "o",
	'Ù': "u", 'Ú': "u", 'Û': "u", 'Ü': "u", 'Ý': "y", 'Þ': "th",
	'ā': "a", 'Ā': "a", 'ă': "a", 'Ă': "a", 'ą': "a", 'Ą': "a", 'ć': "c", 'Ć': "c",
	'č': "c", 'Č': "c", 'ĉ': "c", 'ċ': "c", 'ď': "d", 'Ď': "d", 'đ': "d", 'Đ': "d",
	'ē': "e", 'Ē': "e", 'ĕ': "e", 'ė': "e", 'Ė': "e", 'ę': "e", 'Ę': "e", 'ě': "e", 'Ě': "e",
	'ğ': "g", 'Ğ': "g", 'ĝ': "g", 'ġ': "g", 'Ġ': "g", 'ģ': "g", 'ĥ': "h", 'ħ': "h", 'Ħ': "h",
	'ī': "i", 'Ī': "i", 'ĩ': "i", 'ĭ': "i", 'į': "i", 'ı': "i", 'İ': "i", 'ĵ': "j",
	'ķ': "k", 'ĺ': "l", 'ļ': "l", 'ľ': "l", 'ł': "l", 'Ł': "l", 'ń': "n", 'ņ': "n", 'ň': "n",
	'ō': "o", 'Ō': "o", 'ŏ': "o", 'ő': "o", 'œ': "oe", 'Œ': "oe", 'ŕ': "r", 'ř': "r", 'Ř': "r",
	'ś': "s", 'Ś': "s", 'ŝ': "s", 'ş': "s", 'Ş': "s", 'š': "s", 'Š': "s", 'ș': "s", 'Ș': "s",
	'ţ': "t", 'Ţ': "t", 'ť': "t", 'ț': "t", 'Ț': "t", 'ŧ': "t",
	'ū': "u", 'Ū': "u", 'ũ': "u", 'ŭ': "u", 'ů': "u", 'ű': "u", 'ų': "u", 'ŵ': "w",
	'ŷ': "y", 'Ÿ': "y", 'ź': "z", 'Ź': "z", 'ż': "z", 'Ż': "z", 'ž': "z", 'Ž': "z",
	'ḥ': "h", 'Ḥ': "h", 'ḫ': "kh", 'Ḫ': "kh", 'ṣ': "s", 'Ṣ': "s", 'ḍ': "d", 'Ḍ': "d",
	'ṭ': "t", 'Ṭ': "t", 'ẓ': "z", 'Ẓ': "z", 'ṯ': "th", 'Ṯ': "th",
	'ḏ': "dh", 'Ḏ': "dh", 'ẖ': "h", 'ǧ': "g", 'Ǧ': "g", 'ǎ': "a", 'ǐ': "i", 'ǒ': "o", 'ǔ': "u",
	'ạ': "a", 'ả': "a", 'ấ': "a", 'ầ': "a", 'ậ': "a", 'ắ': "a", 'ằ': "a", 'ặ': "a",
	'ẹ': "e", 'ẻ': "e", 'ẽ': "e", 'ế': "e", 'ề': "e", 'ể': "e", 'ễ': "e", 'ệ': "e",
	'ỉ': "i", 'ị': "i", 'ọ': "o", 'ỏ': "o", 'ố': "o", 'ồ': "o", 'ổ': "o", 'ỗ': "o", 'ộ': "o",
	'ơ': "o", 'ớ': "o", 'ờ': "o", 'ở': "o", 'ỡ': "o", 'ợ': "o", 'ụ': "u", 'ủ': "u",
	'ư': "u", 'ứ': "u", 'ừ': "u", 'ử': "u", 'ữ': "u", 'ự': "u", 'ỳ': "y", 'ỵ': "y", 'ỷ': "y", 'ỹ': "y",
	'ṅ': "n", 'ṇ': "n", 'ṃ': "m", 'ṛ': "r", 'ṟ': "r", 'ḷ': "l", 'ẕ': "z", 'ṡ': "s",
}
