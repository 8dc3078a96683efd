//! A date as its day number from the common era: compact in the checkpoint, with no text to
//! parse, and the serde adapters that write it so.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Deserializer, Serializer};

/// The date's day number.
pub(crate) fn day_number(date: NaiveDate) -> i32 {
    date.num_days_from_ce()
}

/// The date of a day number; one out of range reads as the earliest date.
pub(crate) fn from_day_number(n: i32) -> NaiveDate {
    NaiveDate::from_num_days_from_ce_opt(n).unwrap_or(NaiveDate::MIN)
}

/// Writes the date as its day number.
pub(crate) fn serialize<S: Serializer>(date: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_i32(date.num_days_from_ce())
}

/// Reads a day number back as its date, refusing one out of range.
pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
    date_of(i32::deserialize(d)?)
}

fn date_of<E: serde::de::Error>(n: i32) -> Result<NaiveDate, E> {
    NaiveDate::from_num_days_from_ce_opt(n).ok_or_else(|| E::custom("a day number out of range"))
}

/// The same for an optional date.
pub(crate) mod option {
    use super::*;

    pub(crate) fn serialize<S: Serializer>(
        date: &Option<NaiveDate>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        serde::Serialize::serialize(&date.map(|d| d.num_days_from_ce()), s)
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Option<NaiveDate>, D::Error> {
        Option::<i32>::deserialize(d)?.map(date_of).transpose()
    }
}

/// The same for dated texts (a day's reflections).
pub(crate) mod dated {
    use super::*;

    pub(crate) fn serialize<S: Serializer>(
        notes: &[(NaiveDate, String)],
        s: S,
    ) -> Result<S::Ok, S::Error> {
        s.collect_seq(
            notes
                .iter()
                .map(|(date, text)| (date.num_days_from_ce(), text)),
        )
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Vec<(NaiveDate, String)>, D::Error> {
        Vec::<(i32, String)>::deserialize(d)?
            .into_iter()
            .map(|(n, text)| Ok((date_of(n)?, text)))
            .collect()
    }
}
