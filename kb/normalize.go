package kb

import (
	"strings"
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
	var b strings.Builder
	words := splitWords(name)
	for i, w := range words {
		b.WriteString(wordKey(w, i == len(words)-1))
	}
	if b.Len() == 0 && len(words) > 0 {
		// A name that is only an article ("Al") keeps it.
		return wordKey(words[len(words)-1], true)
	}
	return b.String()
}

// splitWords folds name to lower-case letters without diacritics and cuts
// it into words at spaces, hyphens and punctuation. Apostrophes and ayns
// vanish without cutting ("Dar'a" is one word).
func splitWords(name string) []string {
	var words []string
	var cur []byte
	flush := func() {
		if len(cur) > 0 {
			words = append(words, string(cur))
			cur = cur[:0]
		}
	}
	for _, r := range name {
		if isApostrophe(r) {
			continue
		}
		if r < utf8.RuneSelf {
			switch {
			case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
				cur = append(cur, byte(r))
			case r >= 'A' && r <= 'Z':
				cur = append(cur, byte(r+'a'-'A'))
			default:
				flush()
			}
			continue
		}
		if s, ok := latinFold[r]; ok {
			cur = append(cur, s...)
			continue
		}
		if unicode.Is(unicode.Mn, r) || isArabicMark(r) {
			continue
		}
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			cur = utf8.AppendRune(cur, arabicFold(unicode.ToLower(r)))
			continue
		}
		flush()
	}
	flush()
	return words
}

// wordKey is the key of one folded word; last says whether it ends the
// name (an article is dropped only before another word).
func wordKey(w string, last bool) string {
	if !last && isArticle(w) {
		return ""
	}
	if w == "abu" || w == "abou" || w == "albu" || w == "bu" {
		return "ba"
	}
	if len(w) > 5 && (strings.HasPrefix(w, "albu") || strings.HasPrefix(w, "abou")) {
		return "ba" + phonetic(w[4:])
	}
	if len(w) > 4 && strings.HasPrefix(w, "abu") {
		return "ba" + phonetic(w[3:])
	}
	if strings.HasPrefix(w, "ال") && len(w) > len("ال")+2 {
		return w[len("ال"):]
	}
	return phonetic(w)
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

// phonetic folds the spelling of one lower-case ASCII word; other scripts
// pass through.
func phonetic(w string) string {
	// Digraphs first.
	var d []byte
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
	// Vowel runs (y/w after a vowel, or y between consonants, belong to
	// the run) fold to one 'a'; doubled consonants collapse.
	out := make([]byte, 0, len(d))
	inVowel := false
	for i := 0; i < len(d); i++ {
		c := d[i]
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
				out = append(out, 'a')
				inVowel = true
			}
			continue
		}
		inVowel = false
		if len(out) > 0 && out[len(out)-1] == c {
			continue
		}
		out = append(out, c)
	}
	// -ah, -eh, -ih endings lose the h.
	if n := len(out); n > 2 && out[n-1] == 'h' && out[n-2] == 'a' {
		out = out[:n-1]
	}
	return string(out)
}

// lightKey is a stricter key than Normalize: letters only, folded case and
// diacritics, articles dropped, but vowels and doubled letters kept. It
// measures how close two spellings are.
func lightKey(name string) string {
	words := splitWords(name)
	var b strings.Builder
	for i, w := range words {
		if i < len(words)-1 && isArticle(w) {
			continue
		}
		b.WriteString(w)
	}
	return b.String()
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
