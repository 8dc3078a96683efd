//! Terminal text: colour that respects the user's choice, and plan text made safe to print.

/// Removes control and escape characters so that no plan or note text can drive the terminal.
pub fn sanitize(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_control() || *c == '\n' || *c == '\t')
        .filter(|c| {
            !matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
        })
        .collect()
}

/// Sanitises one line of text: newlines and tabs become spaces too.
pub fn one_line(text: &str) -> String {
    sanitize(text)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Inline Markdown as plain terminal text: `**bold**` markers go, code spans stay as written.
pub fn plain_inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_code = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '`' => {
                in_code = !in_code;
                out.push(c);
            }
            '*' if !in_code && chars.peek() == Some(&'*') => {
                chars.next();
            }
            _ => out.push(c),
        }
    }
    sanitize(&out)
}

/// The first `max` characters of a one-line version of `text`, with `…` when cut.
pub fn excerpt(text: &str, max: usize) -> String {
    let line = one_line(text);
    if line.chars().count() <= max {
        return line;
    }
    let cut: String = line.chars().take(max.saturating_sub(1)).collect();
    format!("{}…", cut.trim_end())
}

/// ANSI styling that is a no-op when colour is off.
#[derive(Debug, Clone, Copy)]
pub struct Paint {
    pub enabled: bool,
}

impl Paint {
    fn wrap(self, code: &str, text: &str) -> String {
        if self.enabled {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }

    pub fn bold(self, text: &str) -> String {
        self.wrap("1", text)
    }

    pub fn dim(self, text: &str) -> String {
        self.wrap("2", text)
    }

    pub fn green(self, text: &str) -> String {
        self.wrap("32", text)
    }

    pub fn yellow(self, text: &str) -> String {
        self.wrap("33", text)
    }

    pub fn cyan(self, text: &str) -> String {
        self.wrap("36", text)
    }

    pub fn red(self, text: &str) -> String {
        self.wrap("31", text)
    }
}

/// `[#####.....]` for a fraction done.
pub fn progress_bar(done: usize, total: usize, width: usize) -> String {
    let filled = (done * width).checked_div(total).unwrap_or(0).min(width);
    format!("[{}{}]", "#".repeat(filled), ".".repeat(width - filled))
}

/// `1 day`, `3 days`.
pub fn plural(n: impl Into<i64>, word: &str) -> String {
    let n = n.into();
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// `2 days ahead`, `on track`, `1 day behind`.
pub fn describe_pace(pace: i64) -> String {
    match pace {
        0 => "on track".to_string(),
        p if p > 0 => format!("{} ahead", plural(p, "day")),
        p => format!("{} behind", plural(-p, "day")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_never_reach_the_terminal() {
        assert_eq!(sanitize("a\x1b[31mb\x07c\r"), "a[31mbc");
    }

    #[test]
    fn bold_markers_go_but_code_spans_stay() {
        assert_eq!(
            plain_inline("**Level 1** uses `__enter__` and `**kw`"),
            "Level 1 uses `__enter__` and `**kw`"
        );
    }

    #[test]
    fn excerpts_cut_on_characters() {
        assert_eq!(excerpt("привет мир", 7), "привет…");
        assert_eq!(excerpt("a\nb", 10), "a b");
    }
}
