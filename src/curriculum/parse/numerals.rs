//! Numbers however a plan writes them: digits of any script (`3`, `٣`, `३`, `３`), Roman
//! numerals (`IV`), CJK numerals (`十二`) and number words (`three`, `third`, `drei`, `третий`).
//!
//! Structural readings compare labels by their value, so a plan numbered in a script or a
//! language that no word table lists still reads as a run that advances.

/// The zero of every decimal digit block the labels may use: ASCII, Arabic-Indic, Extended
/// Arabic-Indic (Persian, Urdu), Devanagari, Bengali, Gurmukhi, Gujarati, Tamil, Telugu,
/// Kannada, Malayalam, Thai, Lao, Tibetan, Myanmar, Khmer, Mongolian and full-width.
const ZEROS: &[u32] = &[
    0x30, 0x660, 0x6F0, 0x966, 0x9E6, 0xA66, 0xAE6, 0xBE6, 0xC66, 0xCE6, 0xD66, 0xE50, 0xED0,
    0xF20, 0x1040, 0x17E0, 0x1810, 0xFF10,
];

/// The value of a decimal digit in any of the scripts above.
pub(super) fn digit(c: char) -> Option<u32> {
    let code = u32::from(c);
    ZEROS
        .iter()
        .find(|&&zero| (zero..zero + 10).contains(&code))
        .map(|zero| code - zero)
}

/// Leading decimal digits (at most four) in one script: their value and the rest.
pub(super) fn leading_digits(s: &str) -> Option<(u32, &str)> {
    let mut value = 0u32;
    let mut end = 0;
    for (count, (i, c)) in s.char_indices().enumerate() {
        let Some(d) = digit(c) else { break };
        if count == 4 {
            return None;
        }
        value = value * 10 + d;
        end = i + c.len_utf8();
    }
    (end > 0).then(|| (value, &s[end..]))
}

/// A leading Roman numeral in capitals (`IV`, `XII`), up to 89, ending at a word boundary.
pub(super) fn leading_roman(s: &str) -> Option<(u32, &str)> {
    let end = s
        .find(|c: char| !matches!(c, 'I' | 'V' | 'X' | 'L'))
        .unwrap_or(s.len());
    let (word, rest) = s.split_at(end);
    if word.is_empty() || rest.starts_with(char::is_alphanumeric) {
        return None;
    }
    let value = |c: char| match c {
        'I' => 1,
        'V' => 5,
        'X' => 10,
        _ => 50,
    };
    let chars: Vec<u32> = word.chars().map(value).collect();
    let mut total = 0i64;
    for (i, v) in chars.iter().enumerate() {
        let v = i64::from(*v);
        if chars.get(i + 1).is_some_and(|next| i64::from(*next) > v) {
            total -= v;
        } else {
            total += v;
        }
    }
    let n = u32::try_from(total).ok().filter(|n| (1..90).contains(n))?;
    // Only the canonical spelling: `IIII` or `VX` are words, not numbers.
    (to_roman(n) == word).then_some((n, rest))
}

fn to_roman(mut n: u32) -> String {
    let mut out = String::new();
    for (value, text) in [
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ] {
        while n >= value {
            out.push_str(text);
            n -= value;
        }
    }
    out
}

/// Leading CJK numerals up to 99 (`三`, `十二`, `二十`).
pub(super) fn leading_cjk(s: &str) -> Option<(u32, &str)> {
    let end = s
        .find(|c: char| !"〇零一二两三四五六七八九十".contains(c))
        .unwrap_or(s.len());
    let (num, rest) = s.split_at(end);
    let digit = |c: &char| {
        "〇一二三四五六七八九"
            .chars()
            .position(|d| d == *c)
            .or_else(|| (*c == '两').then_some(2))
            .or_else(|| (*c == '零').then_some(0))
            .and_then(|d| u32::try_from(d).ok())
    };
    let chars: Vec<char> = num.chars().collect();
    let value = match chars.as_slice() {
        ['十'] => 10,
        [c] => digit(c)?,
        ['十', u] => 10 + digit(u)?,
        [t, '十'] => 10 * digit(t)?,
        [t, '十', u] => 10 * digit(t)? + digit(u)?,
        _ => return None,
    };
    Some((value, rest))
}

/// Cardinal and ordinal number words, one to twelve, in the languages plans are most often
/// written in. A word not listed simply does not make a run; digits always do.
const WORDS: &[[&str; 12]] = &[
    [
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
        "twelve",
    ],
    [
        "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
        "tenth", "eleventh", "twelfth",
    ],
    [
        "eins", "zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun", "zehn", "elf",
        "zwölf",
    ],
    [
        "erster",
        "zweiter",
        "dritter",
        "vierter",
        "fünfter",
        "sechster",
        "siebter",
        "achter",
        "neunter",
        "zehnter",
        "elfter",
        "zwölfter",
    ],
    [
        "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix", "onze",
        "douze",
    ],
    [
        "premier",
        "deuxième",
        "troisième",
        "quatrième",
        "cinquième",
        "sixième",
        "septième",
        "huitième",
        "neuvième",
        "dixième",
        "onzième",
        "douzième",
    ],
    [
        "uno", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve", "diez", "once",
        "doce",
    ],
    [
        "primero",
        "segundo",
        "tercero",
        "cuarto",
        "quinto",
        "sexto",
        "séptimo",
        "octavo",
        "noveno",
        "décimo",
        "undécimo",
        "duodécimo",
    ],
    [
        "um", "dois", "três", "quatro", "cinco", "seis", "sete", "oito", "nove", "dez", "onze",
        "doze",
    ],
    [
        "один",
        "два",
        "три",
        "четыре",
        "пять",
        "шесть",
        "семь",
        "восемь",
        "девять",
        "десять",
        "одиннадцать",
        "двенадцать",
    ],
    [
        "первый",
        "второй",
        "третий",
        "четвёртый",
        "пятый",
        "шестой",
        "седьмой",
        "восьмой",
        "девятый",
        "десятый",
        "одиннадцатый",
        "двенадцатый",
    ],
];

/// A number word (`three`, `Third`, `dritter`, `третий`): its value, matched case-blind.
pub(super) fn word_value(word: &str) -> Option<u32> {
    // Every listed word has between two and thirteen letters: most words are passed over here.
    let letters = word.chars().count();
    if !(2..=13).contains(&letters) {
        return None;
    }
    let fold = |c: char| if c == 'ё' { 'е' } else { c };
    let lower = word.to_lowercase();
    WORDS.iter().find_map(|row| {
        let i = row.iter().position(|w| {
            w.len() == lower.len() && w.chars().map(fold).eq(lower.chars().map(fold))
        })?;
        u32::try_from(i + 1).ok()
    })
}

/// How a label's number was written, so that a run keeps to one way of writing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum Numeral {
    Digits,
    Roman,
    Cjk,
    Word,
}

/// A number at the start of `s`, written in any of the forms above.
pub(super) fn leading_number(s: &str) -> Option<(u32, Numeral, &str)> {
    if let Some((n, rest)) = leading_digits(s) {
        return Some((n, Numeral::Digits, rest));
    }
    if let Some((n, rest)) = leading_roman(s) {
        return Some((n, Numeral::Roman, rest));
    }
    if let Some((n, rest)) = leading_cjk(s) {
        return Some((n, Numeral::Cjk, rest));
    }
    let end = s.find(|c: char| !c.is_alphabetic()).unwrap_or(s.len());
    let (word, rest) = s.split_at(end);
    word_value(word).map(|n| (n, Numeral::Word, rest))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_in_many_scripts() {
        assert_eq!(leading_number("12: x"), Some((12, Numeral::Digits, ": x")));
        assert_eq!(leading_number("٣ —"), Some((3, Numeral::Digits, " —")));
        assert_eq!(leading_number("१०."), Some((10, Numeral::Digits, ".")));
        assert_eq!(leading_number("３日"), Some((3, Numeral::Digits, "日")));
        assert_eq!(leading_number("XIV. y"), Some((14, Numeral::Roman, ". y")));
        assert_eq!(leading_number("十二课"), Some((12, Numeral::Cjk, "课")));
        assert_eq!(
            leading_number("Third week"),
            Some((3, Numeral::Word, " week"))
        );
        assert_eq!(leading_number("третий"), Some((3, Numeral::Word, "")));
        assert_eq!(leading_roman("IIII"), None);
        assert_eq!(leading_roman("Intro"), None);
        assert_eq!(leading_digits("12345"), None);
    }
}
