//! Text clean-up on the way in: byte-order mark, CR line endings, mojibake, control characters.
//!
//! Mojibake is UTF-8 that was once decoded as a Windows code page and saved again (`â€™` for
//! `’`, `Ğ¦` for `Ц`). It is repaired per run of characters that code page can produce, and only
//! when mapping the run back to bytes yields real multi-byte UTF-8: text that was fine (Russian,
//! Chinese, `café`, emoji) never maps back to valid UTF-8, so it passes through unchanged.

use super::model::Warning;

/// Windows-1252 characters for bytes 0x80..=0x9F; `None` where the code page defines nothing.
const CP1252_HIGH: [Option<char>; 32] = [
    Some('€'),
    None,
    Some('‚'),
    Some('ƒ'),
    Some('„'),
    Some('…'),
    Some('†'),
    Some('‡'),
    Some('ˆ'),
    Some('‰'),
    Some('Š'),
    Some('‹'),
    Some('Œ'),
    None,
    Some('Ž'),
    None,
    None,
    Some('‘'),
    Some('’'),
    Some('“'),
    Some('”'),
    Some('•'),
    Some('–'),
    Some('—'),
    Some('˜'),
    Some('™'),
    Some('š'),
    Some('›'),
    Some('œ'),
    None,
    Some('ž'),
    Some('Ÿ'),
];

/// The two code pages whose damage is repaired.
#[derive(Clone, Copy, PartialEq, Eq)]
enum CodePage {
    Cp1252,
    Cp1254,
}

impl CodePage {
    fn name(self) -> &'static str {
        match self {
            CodePage::Cp1252 => "Windows-1252",
            CodePage::Cp1254 => "Windows-1254",
        }
    }

    /// The byte this code page decodes to `c`, if any. C1 controls map to themselves because
    /// some decoders pass undefined bytes through that way.
    fn byte_of(self, c: char) -> Option<u8> {
        let cp = u32::from(c);
        if cp < 0x80 {
            return u8::try_from(cp).ok();
        }
        if (0x80..=0x9F).contains(&cp) {
            return u8::try_from(cp).ok();
        }
        if self == CodePage::Cp1254 {
            match c {
                'Ğ' => return Some(0xD0),
                'İ' => return Some(0xDD),
                'Ş' => return Some(0xDE),
                'ğ' => return Some(0xF0),
                'ı' => return Some(0xFD),
                'ş' => return Some(0xFE),
                'Ð' | 'Ý' | 'Þ' | 'ð' | 'ý' | 'þ' => return None,
                'Ž' | 'ž' => return None,
                _ => {}
            }
        }
        if (0xA0..=0xFF).contains(&cp) {
            return u8::try_from(cp).ok();
        }
        CP1252_HIGH
            .iter()
            .position(|&h| h == Some(c))
            .and_then(|i| u8::try_from(0x80 + i).ok())
    }

    /// Bytes the code page leaves undefined: damaged files lost them, so they fill gaps.
    fn dropped(self) -> &'static [u8] {
        match self {
            CodePage::Cp1252 => &[0x81, 0x8D, 0x8F, 0x90, 0x9D],
            CodePage::Cp1254 => &[0x81, 0x8D, 0x8E, 0x8F, 0x90, 0x9D, 0x9E],
        }
    }
}

/// Decodes bytes that are not UTF-8 as Windows-1252, the usual encoding of such plan files.
pub fn decode_windows_1252(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|&b| match b {
            0x80..=0x9F => CP1252_HIGH[usize::from(b - 0x80)].unwrap_or('\u{FFFD}'),
            _ => char::from(b),
        })
        .collect()
}

/// A plan saved as UTF-16 (with its byte-order mark, as Windows editors write it) as UTF-8;
/// `None` for anything else. Characters that do not decode become U+FFFD.
pub fn utf16_as_utf8(bytes: &[u8]) -> Option<Vec<u8>> {
    let (rest, little) = match bytes {
        [0xFF, 0xFE, rest @ ..] => (rest, true),
        [0xFE, 0xFF, rest @ ..] => (rest, false),
        _ => return None,
    };
    let units = rest.chunks_exact(2).map(|pair| {
        let pair = [pair[0], pair[1]];
        if little {
            u16::from_le_bytes(pair)
        } else {
            u16::from_be_bytes(pair)
        }
    });
    let text: String = char::decode_utf16(units)
        .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
        .collect();
    Some(text.into_bytes())
}

/// True when bytes look like binary data rather than text: NUL bytes, or many control bytes.
pub fn looks_binary(bytes: &[u8]) -> bool {
    let controls = bytes
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C | 0x1B))
        .count();
    bytes.contains(&0) || controls * 20 > bytes.len()
}

/// Returns the cleaned text and what was repaired, with line numbers.
pub fn normalize(raw: &str) -> (String, Vec<Warning>) {
    let mut warnings = Vec::new();
    let text = raw.strip_prefix('\u{feff}').unwrap_or(raw);
    let text = if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text.to_string()
    };
    let mut out = String::with_capacity(text.len());
    for (i, line) in text.split('\n').enumerate() {
        let lineno = i + 1;
        if i > 0 {
            out.push('\n');
        }
        let repaired = repair_line(line, lineno, &mut warnings);
        let mut dropped = 0usize;
        let mut chars = repaired.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '\u{1b}' {
                skip_escape(&mut chars);
                dropped += 1;
            } else if is_unwanted_control(c) {
                dropped += 1;
            } else {
                out.push(c);
            }
        }
        if dropped > 0 {
            warnings.push(Warning {
                line: lineno,
                message: format!("removed {dropped} control character(s)"),
            });
        }
    }
    (out, warnings)
}

/// Skips the rest of a terminal escape sequence after ESC: CSI (`[31m`), OSC (`]0;title` up
/// to BEL or ESC `\`), or a single following character.
fn skip_escape(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    match chars.next() {
        Some('[') => {
            for c in chars.by_ref() {
                if ('\u{40}'..='\u{7e}').contains(&c) {
                    break;
                }
            }
        }
        Some(']') => {
            while let Some(c) = chars.next() {
                if c == '\u{7}' {
                    break;
                }
                if c == '\u{1b}' {
                    chars.next_if_eq(&'\\');
                    break;
                }
            }
        }
        _ => {}
    }
}

/// Control and formatting characters that must not reach a terminal (tabs stay).
fn is_unwanted_control(c: char) -> bool {
    (c.is_control() && c != '\t')
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{feff}')
}

/// Repairs the mojibake runs of one line, warning once per repaired line.
fn repair_line(line: &str, lineno: usize, warnings: &mut Vec<Warning>) -> String {
    if line.is_ascii() {
        return line.to_string();
    }
    // The page whose repair shrinks the line most explains the most damage.
    let best = [CodePage::Cp1252, CodePage::Cp1254]
        .into_iter()
        .map(|page| (page, repair_with(line, page)))
        .filter(|(_, (_, stats))| stats.repaired > 0)
        .min_by_key(|(_, (text, _))| text.len());
    let Some((page, (text, stats))) = best else {
        return line.to_string();
    };
    warnings.push(Warning {
        line: lineno,
        message: format!("repaired mojibake (text decoded as {})", page.name()),
    });
    if stats.unresolved > 0 {
        warnings.push(Warning {
            line: lineno,
            message: format!(
                "could not repair {} damaged character(s); replaced with U+FFFD",
                stats.unresolved
            ),
        });
    }
    text
}

#[derive(Default)]
struct Stats {
    repaired: usize,
    unresolved: usize,
}

/// Rewrites every run of characters `page` can encode that decodes back to real UTF-8.
fn repair_with(line: &str, page: CodePage) -> (String, Stats) {
    let mut out = String::with_capacity(line.len());
    let mut stats = Stats::default();
    let mut run: Vec<u8> = Vec::new();
    let mut run_text = String::new();
    for c in line.chars() {
        match page.byte_of(c) {
            Some(b) => {
                run.push(b);
                run_text.push(c);
            }
            None => {
                flush_run(&run, &run_text, page, &mut out, &mut stats);
                run.clear();
                run_text.clear();
                out.push(c);
            }
        }
    }
    flush_run(&run, &run_text, page, &mut out, &mut stats);
    (out, stats)
}

/// Appends the repaired run when it is convincingly mojibake, else the run as it was.
fn flush_run(bytes: &[u8], text: &str, page: CodePage, out: &mut String, stats: &mut Stats) {
    if bytes.is_ascii() {
        out.push_str(text);
        return;
    }
    let decoded = decode_lenient(bytes, page, out);
    let evidence = decoded.good + decoded.truncated;
    if evidence > 0 && decoded.bad == 0 && decoded.unresolved <= evidence {
        out.push_str(&decoded.text);
        stats.repaired += 1;
        stats.unresolved += decoded.unresolved;
    } else {
        out.push_str(text);
    }
}

struct Decoded {
    text: String,
    /// Complete multi-byte sequences (the evidence that this was mojibake).
    good: usize,
    /// Bytes that cannot start or continue any sequence.
    bad: usize,
    /// Sequences that lost bytes and could not be restored.
    unresolved: usize,
    /// Unrestored sequences that still kept a continuation byte: damage, not a lone accent.
    truncated: usize,
}

/// Decodes UTF-8 bytes, restoring sequences whose dropped continuation bytes can be guessed.
fn decode_lenient(bytes: &[u8], page: CodePage, before: &str) -> Decoded {
    let mut d = Decoded {
        text: String::with_capacity(bytes.len()),
        good: 0,
        bad: 0,
        unresolved: 0,
        truncated: 0,
    };
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let need = match b {
            0x00..=0x7F => {
                d.text.push(char::from(b));
                i += 1;
                continue;
            }
            0xC2..=0xDF => 1,
            0xE0..=0xEF => 2,
            0xF0..=0xF4 => 3,
            _ => {
                d.bad += 1;
                i += 1;
                continue;
            }
        };
        let mut end = i + 1;
        while end < bytes.len() && end - i <= need && (0x80..=0xBF).contains(&bytes[end]) {
            end += 1;
        }
        let seq = &bytes[i..end];
        if seq.len() == need + 1 {
            match std::str::from_utf8(seq) {
                Ok(s) => {
                    d.text.push_str(s);
                    d.good += 1;
                }
                Err(_) => d.bad += 1,
            }
        } else {
            let context = format!("{before}{}", d.text);
            match fill_gap(seq, need + 1 - seq.len(), page, &context) {
                Some(c) => {
                    d.text.push(c);
                    d.good += 1;
                }
                None => {
                    d.text.push('\u{FFFD}');
                    d.unresolved += 1;
                    if seq.len() > 1 {
                        d.truncated += 1;
                    }
                }
            }
        }
        i = end;
    }
    d
}

/// The one character a truncated sequence can sensibly have been, trying dropped bytes in the
/// missing positions (at the end of the sequence or just after its lead byte).
fn fill_gap(seq: &[u8], missing: usize, page: CodePage, context: &str) -> Option<char> {
    if missing > 2 {
        return None;
    }
    let cands = page.dropped();
    let mut found: Vec<char> = Vec::new();
    let mut try_bytes = |bytes: &[u8]| {
        if let Ok(s) = std::str::from_utf8(bytes)
            && let Some(c) = s.chars().next()
            && !found.contains(&c)
        {
            found.push(c);
        }
    };
    for &a in cands {
        if missing == 1 {
            for pos in 1..=seq.len() {
                let mut v = seq.to_vec();
                v.insert(pos, a);
                try_bytes(&v);
            }
        } else {
            for &b in cands {
                let mut v = seq.to_vec();
                v.push(a);
                v.push(b);
                try_bytes(&v);
                let mut v = seq.to_vec();
                v.insert(1, a);
                v.insert(2, b);
                try_bytes(&v);
            }
        }
    }
    choose(&found, context)
}

/// Picks the candidate the context makes sense of, or none when it stays ambiguous.
fn choose(found: &[char], context: &str) -> Option<char> {
    let prev = context.chars().last();
    if found.contains(&'\u{FE0F}') && prev.is_some_and(|p| !p.is_alphanumeric() && !p.is_ascii()) {
        return Some('\u{FE0F}');
    }
    let opens = context.matches('“').count();
    let closes = context.matches('”').count();
    if found.contains(&'”') && opens > closes {
        return Some('”');
    }
    let plausible: Vec<char> = found
        .iter()
        .copied()
        .filter(|&c| {
            !c.is_control()
                && !c.is_whitespace()
                && !matches!(c, '\u{2000}'..='\u{206F}' | '\u{FE00}'..='\u{FE0F}' | '\u{E000}'..='\u{F8FF}')
        })
        .collect();
    match plausible.as_slice() {
        [one] => Some(*one),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_text_is_untouched() {
        for s in [
            "Größe café",
            "Цель: интервью",
            "第1天 学习",
            "🐍 — “x” → y",
            "naïve",
        ] {
            let (out, w) = normalize(s);
            assert_eq!(out, s);
            assert!(w.is_empty(), "{s}: {w:?}");
        }
    }

    #[test]
    fn repairs_1252_and_1254() {
        assert_eq!(normalize("ðŸ“… Week 1 â€“ Plan").0, "📅 Week 1 – Plan");
        assert_eq!(normalize("Ğ¦ĞµĞ»ÑŒ:").0, "Цель:");
        assert_eq!(normalize("caf\u{c3}\u{a9}").0, "café");
    }

    #[test]
    fn bom_crlf_controls() {
        let (out, w) = normalize("\u{feff}a\r\nb\u{1b}[31mred\u{1b}]0;title\u{7}\rc\u{0}");
        assert_eq!(out, "a\nbred\nc");
        assert_eq!(w.len(), 2);
        assert_eq!((w[0].line, w[1].line), (2, 3));
    }
}
