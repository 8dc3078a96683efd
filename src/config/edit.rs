//! Setting one key in the text of `config.toml`, keeping everything else as the user wrote it:
//! comments, blank lines, the other keys and their order.

use toml::de::DeTable;

use super::{Key, Value};

/// `text` with `key` set to `value`: the key's entry replaced where toml found it, else a line
/// added at the end. In a file that is not TOML, the lines setting `key` are what is damaged
/// as far as this change can tell: the first becomes the new setting and the others go, so that
/// `config set` repairs the key it sets. The result is checked by the caller, like any file.
pub(super) fn set(text: &str, key: Key, value: &Value) -> String {
    let entry = format!("{} = {}", key.name(), value.to_toml());
    match DeTable::parse(text) {
        Ok(table) => {
            let span = table.get_ref().iter().find_map(|(name, value)| {
                (name.get_ref() == key.name()).then(|| name.span().start..value.span().end)
            });
            match span {
                Some(span) => format!("{}{entry}{}", &text[..span.start], &text[span.end..]),
                None => appended(text, &entry),
            }
        }
        Err(_) => {
            let mut replaced = false;
            let mut lines = String::new();
            for line in text.lines() {
                if line.split('=').next().map(str::trim) != Some(key.name()) {
                    lines.push_str(line);
                    lines.push('\n');
                } else if !replaced {
                    replaced = true;
                    lines.push_str(&entry);
                    lines.push('\n');
                }
            }
            if replaced {
                lines
            } else {
                appended(&lines, &entry)
            }
        }
    }
}

fn appended(text: &str, entry: &str) -> String {
    let gap = if text.is_empty() || text.ends_with('\n') {
        ""
    } else {
        "\n"
    };
    format!("{text}{gap}{entry}\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set_text(text: &str, key: Key, value: &str) -> String {
        set(text, key, &Value::parse(key, value).unwrap())
    }

    #[test]
    fn a_key_is_replaced_in_place_and_comments_stay() {
        let text = "# my settings\neditor = \"nano\"  # the one I know\n\nreview_cap = 3\n";
        assert_eq!(
            set_text(text, Key::Editor, "vi"),
            "# my settings\neditor = \"vi\"  # the one I know\n\nreview_cap = 3\n"
        );
        assert_eq!(
            set_text(text, Key::ReviewCap, "9"),
            "# my settings\neditor = \"nano\"  # the one I know\n\nreview_cap = 9\n"
        );
    }

    #[test]
    fn a_new_key_goes_at_the_end() {
        assert_eq!(
            set_text("", Key::DayStartsAt, "3:30"),
            "day_starts_at = \"03:30\"\n"
        );
        assert_eq!(
            set_text("editor = \"vi\"", Key::RestDays, "sun,sat"),
            "editor = \"vi\"\nrest_days = \"sat,sun\"\n"
        );
    }

    #[test]
    fn in_a_damaged_file_the_lines_of_the_key_are_replaced() {
        let text = "day_starts_at = 25:00\neditor = \"nano\"\nday_starts_at = \"x\"\n";
        assert_eq!(
            set_text(text, Key::DayStartsAt, "04:00"),
            "day_starts_at = \"04:00\"\neditor = \"nano\"\n"
        );
        // Damage elsewhere stays, for the check to name.
        assert_eq!(
            set_text("editor = \"nano\nplan = \"x\"\n", Key::ReviewCap, "2"),
            "editor = \"nano\nplan = \"x\"\nreview_cap = 2\n"
        );
    }
}
