//! One key's value, typed: read from the command line or from `config.toml` by the same rules,
//! and written back in one form.

use chrono::{NaiveTime, Weekday, WeekdaySet};
use toml::de::DeValue;

use super::Key;
use crate::clock::parse_time_of_day;

/// Largest `review_cap` accepted.
pub(crate) const MAX_REVIEW_CAP: u32 = 100;

/// A value a key takes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Value {
    Plan(String),
    DayStartsAt(NaiveTime),
    Editor(String),
    RestDays(WeekdaySet),
    ReviewCap(u32),
}

/// Why a value was refused: `None` when "it is not what the key takes" says it all, else the
/// one thing wrong with it (`'funday' is not a weekday`).
pub(crate) type Refused = Option<String>;

impl Value {
    /// `text` as a value of `key` (surrounding spaces ignored), as typed after `config set KEY`
    /// or written as a string in `config.toml`.
    pub(crate) fn parse(key: Key, text: &str) -> Result<Value, Refused> {
        let text = text.trim();
        match key {
            Key::Plan if !text.is_empty() => Ok(Value::Plan(text.to_string())),
            Key::Editor if !text.is_empty() => Ok(Value::Editor(text.to_string())),
            Key::Plan | Key::Editor => Err(Some("it is empty".to_string())),
            Key::DayStartsAt => parse_time_of_day(text).map(Value::DayStartsAt).ok_or(None),
            Key::RestDays => crate::rest::parse_rest_days(text)
                .map(|days| Value::RestDays(days.into_iter().collect()))
                .map_err(Some),
            Key::ReviewCap => text.parse::<u32>().map_err(|_| None).and_then(review_cap),
        }
    }

    /// A value of `key` as `config.toml` writes it: a string, except `review_cap`, an
    /// integer; `day_starts_at` may also be a TOML local time (`day_starts_at = 04:00`).
    pub(super) fn read(key: Key, value: &DeValue<'_>) -> Result<Value, Refused> {
        match (key, value) {
            (Key::ReviewCap, DeValue::Integer(n)) => {
                u32::from_str_radix(&n.as_str().replace('_', ""), n.radix())
                    .map_err(|_| None)
                    .and_then(review_cap)
            }
            (Key::DayStartsAt, DeValue::Datetime(at)) => match (at.date, at.time, at.offset) {
                (None, Some(time), None)
                    if time.second.unwrap_or(0) == 0 && time.nanosecond.unwrap_or(0) == 0 =>
                {
                    NaiveTime::from_hms_opt(u32::from(time.hour), u32::from(time.minute), 0)
                        .map(Value::DayStartsAt)
                        .ok_or(None)
                }
                _ => Err(None),
            },
            (Key::ReviewCap, _) => Err(None),
            (key, DeValue::String(text)) => Value::parse(key, text),
            _ => Err(None),
        }
    }

    /// The key this is a value of.
    pub(crate) fn key(&self) -> Key {
        match self {
            Value::Plan(_) => Key::Plan,
            Value::DayStartsAt(_) => Key::DayStartsAt,
            Value::Editor(_) => Key::Editor,
            Value::RestDays(_) => Key::RestDays,
            Value::ReviewCap(_) => Key::ReviewCap,
        }
    }

    /// The value as `config.toml` holds it.
    pub(crate) fn to_toml(&self) -> toml::Value {
        match self {
            Value::ReviewCap(cap) => toml::Value::Integer(i64::from(*cap)),
            value => toml::Value::String(value.to_string()),
        }
    }
}

/// The value as `config list` shows it: `04:00`, `sat,sun`, `none`.
impl std::fmt::Display for Value {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Value::Plan(text) | Value::Editor(text) => f.write_str(text),
            Value::DayStartsAt(time) => write!(f, "{}", time.format("%H:%M")),
            Value::RestDays(days) if days.is_empty() => f.write_str("none"),
            Value::RestDays(days) => f.write_str(&crate::rest::format_rest_days(&weekdays(*days))),
            Value::ReviewCap(cap) => write!(f, "{cap}"),
        }
    }
}

/// The days of a set, Monday first.
pub(crate) fn weekdays(days: WeekdaySet) -> Vec<Weekday> {
    days.iter(Weekday::Mon).collect()
}

fn review_cap(cap: u32) -> Result<Value, Refused> {
    (cap <= MAX_REVIEW_CAP)
        .then_some(Value::ReviewCap(cap))
        .ok_or(None)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(key: Key, toml: &str) -> Result<Value, Refused> {
        let value = DeValue::parse(toml).unwrap();
        Value::read(key, value.get_ref())
    }

    #[test]
    fn text_becomes_a_typed_value_shown_in_one_form() {
        let time = Value::parse(Key::DayStartsAt, " 3:30 ").unwrap();
        assert_eq!(
            time,
            Value::DayStartsAt(NaiveTime::from_hms_opt(3, 30, 0).unwrap())
        );
        assert_eq!(time.to_string(), "03:30");
        let days = Value::parse(Key::RestDays, "Sun, SAT").unwrap();
        assert_eq!(
            days,
            Value::RestDays(WeekdaySet::from_array([Weekday::Sat, Weekday::Sun]))
        );
        assert_eq!(days.to_string(), "sat,sun");
        assert_eq!(
            Value::parse(Key::RestDays, "none").unwrap().to_string(),
            "none"
        );
        assert_eq!(Value::parse(Key::ReviewCap, "0"), Ok(Value::ReviewCap(0)));
        assert_eq!(
            Value::parse(Key::Editor, " code --wait "),
            Ok(Value::Editor("code --wait".into()))
        );
    }

    #[test]
    fn each_bad_value_is_refused_with_the_reason_when_there_is_one() {
        for (key, text) in [
            (Key::DayStartsAt, "25:99"),
            (Key::DayStartsAt, "4pm"),
            (Key::ReviewCap, "many"),
            (Key::ReviewCap, "-1"),
            (Key::ReviewCap, "101"),
        ] {
            assert_eq!(Value::parse(key, text), Err(None), "{key} {text}");
        }
        for (key, text, why) in [
            (Key::RestDays, "sat,funday", "'funday' is not a weekday"),
            (
                Key::RestDays,
                "mon,tue,wed,thu,fri,sat,sun",
                "every day cannot be a rest day",
            ),
            (Key::Editor, "  ", "it is empty"),
            (Key::Plan, "", "it is empty"),
        ] {
            assert_eq!(
                Value::parse(key, text),
                Err(Some(why.into())),
                "{key} {text}"
            );
        }
    }

    #[test]
    fn the_file_takes_a_cap_as_a_number_and_a_time_as_text_or_a_toml_time() {
        assert_eq!(read(Key::ReviewCap, "12"), Ok(Value::ReviewCap(12)));
        assert_eq!(read(Key::ReviewCap, "0x0a"), Ok(Value::ReviewCap(10)));
        assert_eq!(read(Key::ReviewCap, "\"12\""), Err(None));
        assert_eq!(read(Key::ReviewCap, "-3"), Err(None));
        assert_eq!(read(Key::ReviewCap, "5.0"), Err(None));
        let four = Value::DayStartsAt(NaiveTime::from_hms_opt(4, 0, 0).unwrap());
        assert_eq!(read(Key::DayStartsAt, "\"04:00\""), Ok(four.clone()));
        assert_eq!(read(Key::DayStartsAt, "04:00:00"), Ok(four));
        assert_eq!(read(Key::DayStartsAt, "04:00:30"), Err(None));
        assert_eq!(read(Key::DayStartsAt, "2026-11-08T04:00:00"), Err(None));
        assert_eq!(read(Key::DayStartsAt, "4"), Err(None));
        assert_eq!(read(Key::Editor, "true"), Err(None));
        assert_eq!(read(Key::RestDays, "[\"sat\"]"), Err(None));
    }

    #[test]
    fn values_are_written_back_as_the_file_reads_them() {
        for (key, text) in [
            (Key::DayStartsAt, "3:30"),
            (Key::RestDays, "sun,sat"),
            (Key::ReviewCap, "7"),
            (Key::Editor, "code --wait"),
        ] {
            let value = Value::parse(key, text).unwrap();
            let written = value.to_toml().to_string();
            assert_eq!(read(key, &written), Ok(value), "{written}");
        }
    }
}
