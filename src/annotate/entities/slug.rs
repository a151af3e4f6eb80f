//! Entity ids: ASCII, lower-case, hyphen-separated slugs. Latin accents are folded, Cyrillic and
//! Greek are transliterated, any other script falls back to hex code points so ids stay usable.

/// Slug of a name ("Volodymyr Zelensky" -> "volodymyr-zelensky", "Zürich" -> "zurich").
pub fn slugify(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut dash = false;
    fn push(s: &str, out: &mut String, dash: &mut bool) {
        if *dash && !out.is_empty() && !s.is_empty() {
            out.push('-');
        }
        if !s.is_empty() {
            *dash = false;
        }
        out.push_str(s);
    }
    let mut buf = [0u8; 4];
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            push(c.to_ascii_lowercase().encode_utf8(&mut buf), &mut out, &mut dash);
        } else if c == '\'' || c == '\u{2019}' || c == '.' {
            // "O'Brien" -> "obrien", "U.S." -> "us"
        } else if let Some(l) = c.to_lowercase().next().filter(char::is_ascii_alphanumeric) {
            push(l.encode_utf8(&mut buf), &mut out, &mut dash); // "İbrahim" -> "ibrahim"
        } else if let Some(t) = fold(c) {
            push(t, &mut out, &mut dash);
        } else if c.is_alphanumeric() {
            push(&format!("u{:x}", c as u32), &mut out, &mut dash);
        } else {
            dash = true;
        }
    }
    if out.is_empty() {
        out.push_str("entity");
    }
    out
}

fn fold(c: char) -> Option<&'static str> {
    let lc = c.to_lowercase().next().unwrap_or(c);
    Some(match lc {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
        'æ' => "ae",
        'ç' | 'ć' | 'č' | 'ĉ' | 'ċ' => "c",
        'ď' | 'đ' | 'ð' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => "e",
        'ĝ' | 'ğ' | 'ġ' | 'ģ' => "g",
        'ĥ' | 'ħ' => "h",
        'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' => "i",
        'ĵ' => "j",
        'ķ' => "k",
        'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => "l",
        'ñ' | 'ń' | 'ņ' | 'ň' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ŏ' | 'ő' => "o",
        'œ' => "oe",
        'ŕ' | 'ŗ' | 'ř' => "r",
        'ś' | 'ŝ' | 'ş' | 'š' | 'ș' => "s",
        'ß' => "ss",
        'ţ' | 'ť' | 'ŧ' | 'ț' => "t",
        'þ' => "th",
        'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => "u",
        'ŵ' => "w",
        'ý' | 'ÿ' | 'ŷ' => "y",
        'ź' | 'ż' | 'ž' => "z",
        // Cyrillic (Ukrainian/Russian)
        'а' => "a",
        'б' => "b",
        'в' => "v",
        'г' => "h",
        'ґ' => "g",
        'д' => "d",
        'е' | 'э' => "e",
        'є' => "ye",
        'ё' => "yo",
        'ж' => "zh",
        'з' => "z",
        'и' | 'ы' => "y",
        'і' => "i",
        'ї' => "i",
        'й' => "i",
        'к' => "k",
        'л' => "l",
        'м' => "m",
        'н' => "n",
        'о' => "o",
        'п' => "p",
        'р' => "r",
        'с' => "s",
        'т' => "t",
        'у' => "u",
        'ф' => "f",
        'х' => "kh",
        'ц' => "ts",
        'ч' => "ch",
        'ш' => "sh",
        'щ' => "shch",
        'ъ' | 'ь' => "",
        'ю' => "yu",
        'я' => "ya",
        // Greek
        'α' | 'ά' => "a",
        'β' => "v",
        'γ' => "g",
        'δ' => "d",
        'ε' | 'έ' => "e",
        'ζ' => "z",
        'η' | 'ή' => "i",
        'θ' => "th",
        'ι' | 'ί' | 'ϊ' => "i",
        'κ' => "k",
        'λ' => "l",
        'μ' => "m",
        'ν' => "n",
        'ξ' => "x",
        'ο' | 'ό' => "o",
        'π' => "p",
        'ρ' => "r",
        'σ' | 'ς' => "s",
        'τ' => "t",
        'υ' | 'ύ' => "y",
        'φ' => "f",
        'χ' => "ch",
        'ψ' => "ps",
        'ω' | 'ώ' => "o",
        _ => return None,
    })
}
