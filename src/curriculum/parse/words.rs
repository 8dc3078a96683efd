//! The words plans use for their steps, in one table: day, week, cycle and part words and the
//! weekdays, for the twenty-odd most-written languages, with where the number stands.
//!
//! Plural forms are built from each entry (`day` + `s`), so a language is added in one line.
//! A word that may stand either before or after its number is written once.

/// What a label word names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Unit {
    Day,
    Week,
    Cycle,
    /// Any other grouping: a month, part, module, stage.
    Part,
}

/// Where the number stands relative to the word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Order {
    /// `Day 3`, `Tag 3`, `День 3`.
    Before,
    /// `3. Tag`, `3日目`, `3일차`, `3-й день`: the number comes first, glued or spaced.
    After,
    /// Either order.
    Both,
}

/// One label word: its singular, how its plural is formed, and where its number goes.
pub(super) struct LabelWord {
    pub unit: Unit,
    pub one: &'static str,
    /// `+s` appends to the singular; any other text is the whole plural; empty when the
    /// language has no distinct plural.
    pub many: &'static str,
    pub order: Order,
}

const fn w(unit: Unit, one: &'static str, many: &'static str, order: Order) -> LabelWord {
    LabelWord {
        unit,
        one,
        many,
        order,
    }
}

use Order::{After, Before, Both};
use Unit::{Cycle, Day, Part, Week};

/// The label words, lower case, by language.
pub(super) const LABEL_WORDS: &[LabelWord] = &[
    // English
    w(Day, "day", "+s", Before),
    w(Week, "week", "+s", Before),
    w(Cycle, "cycle", "+s", Before),
    w(Part, "month", "+s", Before),
    w(Part, "part", "+s", Before),
    w(Part, "module", "+s", Before),
    w(Part, "stage", "+s", Before),
    w(Part, "phase", "+s", Before),
    w(Part, "sprint", "+s", Before),
    w(Part, "level", "+s", Before),
    // German
    w(Day, "tag", "+e", Both),
    w(Week, "woche", "+n", Both),
    w(Cycle, "zyklus", "zyklen", Before),
    w(Part, "monat", "+e", Both),
    w(Part, "teil", "+e", Before),
    // French
    w(Day, "jour", "+s", Both),
    w(Week, "semaine", "+s", Both),
    w(Part, "mois", "", Before),
    // Spanish, Portuguese
    w(Day, "día", "+s", Both),
    w(Day, "dia", "+s", Both),
    w(Week, "semana", "+s", Both),
    w(Cycle, "ciclo", "+s", Before),
    w(Part, "mes", "meses", Before),
    w(Part, "mês", "meses", Before),
    // Italian
    w(Day, "giorno", "giorni", Both),
    w(Week, "settimana", "settimane", Both),
    w(Part, "mese", "mesi", Before),
    // Dutch
    w(Day, "dag", "+en", Both),
    w(Week, "week", "weken", Before),
    w(Part, "maand", "+en", Before),
    // Swedish, Norwegian, Danish
    w(Day, "dag", "+ar", Before),
    w(Day, "dag", "+er", Before),
    w(Week, "vecka", "veckor", Before),
    w(Week, "uke", "+r", Before),
    w(Week, "uge", "+r", Before),
    // Polish
    w(Day, "dzień", "dni", Both),
    w(Day, "dzien", "dni", Both),
    w(Week, "tydzień", "tygodnie", Both),
    w(Week, "tydzien", "tygodnie", Both),
    // Czech
    w(Day, "den", "dny", Before),
    w(Week, "týden", "týdny", Before),
    // Russian
    w(Day, "день", "дни", Both),
    w(Day, "дня", "", Both),
    w(Week, "неделя", "недели", Both),
    w(Cycle, "цикл", "+ы", Before),
    w(Part, "месяц", "+ы", Before),
    w(Part, "модуль", "модули", Before),
    // Ukrainian
    w(Day, "день", "дні", Both),
    w(Week, "тиждень", "тижні", Both),
    // Turkish
    w(Day, "gün", "günler", Both),
    w(Day, "gun", "gunler", Both),
    w(Week, "hafta", "haftalar", Both),
    w(Part, "ay", "", After),
    // Indonesian, Malay
    w(Day, "hari", "", Both),
    w(Week, "minggu", "", Before),
    w(Week, "pekan", "", Before),
    // Vietnamese
    w(Day, "ngày", "", Before),
    w(Week, "tuần", "", Before),
    // Finnish
    w(Day, "päivä", "päivät", Both),
    w(Week, "viikko", "viikot", Both),
    // Hungarian (`1. nap`, `2. hét`)
    w(Day, "nap", "napok", After),
    w(Week, "hét", "hetek", After),
    // Greek
    w(Day, "ημέρα", "ημέρες", Both),
    w(Day, "μέρα", "μέρες", Both),
    w(Week, "εβδομάδα", "εβδομάδες", Both),
    // Hindi
    w(Day, "दिन", "", Both),
    w(Week, "सप्ताह", "", Both),
    w(Week, "हफ्ता", "हफ्ते", Both),
    // Bengali
    w(Day, "দিন", "", Both),
    w(Week, "সপ্তাহ", "", Both),
    // Arabic
    w(Day, "يوم", "أيام", Both),
    w(Day, "اليوم", "", Before),
    w(Week, "أسبوع", "أسابيع", Both),
    w(Week, "الأسبوع", "", Before),
    // Persian
    w(Day, "روز", "", Both),
    w(Week, "هفته", "", Both),
    // Japanese (`3日目`, `1週目`) and Korean (`3일차`, `1주차`)
    w(Day, "日目", "", After),
    w(Week, "週目", "", After),
    w(Day, "일차", "", After),
    w(Day, "일째", "", After),
    w(Week, "주차", "", After),
    w(Week, "週", "", After),
    // Chinese after `第` (`第3天`, `第3周`) is read in labels.rs.
];

/// Weekdays: every spelling and the English key it stands for.
pub(super) const WEEKDAYS: &[(&str, &[&str])] = &[
    (
        "mon",
        &[
            "monday",
            "mon",
            "montag",
            "lundi",
            "lunes",
            "lunedì",
            "lunedi",
            "segunda-feira",
            "maandag",
            "måndag",
            "mandag",
            "poniedziałek",
            "pondělí",
            "понедельник",
            "понеділок",
            "pazartesi",
            "senin",
            "maanantai",
            "月曜日",
            "星期一",
            "周一",
            "월요일",
            "सोमवार",
        ],
    ),
    (
        "tue",
        &[
            "tuesday",
            "tues",
            "tue",
            "dienstag",
            "mardi",
            "martes",
            "martedì",
            "martedi",
            "terça-feira",
            "terca-feira",
            "dinsdag",
            "tisdag",
            "tirsdag",
            "wtorek",
            "úterý",
            "вторник",
            "вівторок",
            "salı",
            "selasa",
            "tiistai",
            "火曜日",
            "星期二",
            "周二",
            "화요일",
            "मंगलवार",
        ],
    ),
    (
        "wed",
        &[
            "wednesday",
            "wed",
            "mittwoch",
            "mercredi",
            "miércoles",
            "miercoles",
            "mercoledì",
            "mercoledi",
            "quarta-feira",
            "woensdag",
            "onsdag",
            "środa",
            "středa",
            "среда",
            "середа",
            "çarşamba",
            "rabu",
            "keskiviikko",
            "水曜日",
            "星期三",
            "周三",
            "수요일",
            "बुधवार",
        ],
    ),
    (
        "thu",
        &[
            "thursday",
            "thurs",
            "thur",
            "thu",
            "donnerstag",
            "jeudi",
            "jueves",
            "giovedì",
            "giovedi",
            "quinta-feira",
            "donderdag",
            "torsdag",
            "czwartek",
            "čtvrtek",
            "четверг",
            "четвер",
            "perşembe",
            "kamis",
            "torstai",
            "木曜日",
            "星期四",
            "周四",
            "목요일",
            "गुरुवार",
        ],
    ),
    (
        "fri",
        &[
            "friday",
            "fri",
            "freitag",
            "vendredi",
            "viernes",
            "venerdì",
            "venerdi",
            "sexta-feira",
            "vrijdag",
            "fredag",
            "piątek",
            "pátek",
            "пятница",
            "пʼятниця",
            "п'ятниця",
            "cuma",
            "jumat",
            "perjantai",
            "金曜日",
            "星期五",
            "周五",
            "금요일",
            "शुक्रवार",
        ],
    ),
    (
        "sat",
        &[
            "saturday",
            "sat",
            "samstag",
            "samedi",
            "sábado",
            "sabado",
            "sabato",
            "zaterdag",
            "lördag",
            "lørdag",
            "sobota",
            "суббота",
            "субота",
            "cumartesi",
            "sabtu",
            "lauantai",
            "土曜日",
            "星期六",
            "周六",
            "토요일",
            "शनिवार",
        ],
    ),
    (
        "sun",
        &[
            "sunday",
            "sun",
            "sonntag",
            "dimanche",
            "domingo",
            "domenica",
            "zondag",
            "söndag",
            "søndag",
            "niedziela",
            "neděle",
            "воскресенье",
            "неділя",
            "pazar",
            "sunnuntai",
            "日曜日",
            "星期日",
            "星期天",
            "周日",
            "일요일",
            "रविवार",
        ],
    ),
];

/// Words in a section title that make it the plan's session structure (lower case, matched
/// inside the title): `Daily Session Structure`, `Ablauf jeder Sitzung`, `Структура занятия`.
pub(super) const SESSION_WORDS: &[&str] = &[
    "session",
    "sitzung",
    "tagesablauf",
    "séance",
    "seance",
    "sesión",
    "sesion",
    "sessione",
    "sessão",
    "sessao",
    "sesja",
    "sessie",
    "занятия",
    "занятие",
    "сессии",
    "сессия",
    "oturum",
    "每日流程",
    "学习流程",
    "セッション",
    "세션",
    "daily routine",
];

/// Words in a section title after the last day that make it what continues the plan:
/// `Next steps`, `Beyond the plan`, `Spezialisierung`, `Что дальше`.
pub(super) const CONTINUATION_WORDS: &[&str] = &[
    "next step",
    "what next",
    "beyond",
    "speciali",
    "continu",
    "weiter",
    "danach",
    "vertiefung",
    "spezialisierung",
    "ensuite",
    "au-delà",
    "spécialisation",
    "después",
    "más allá",
    "especializ",
    "próximos pasos",
    "próximos passos",
    "дальше",
    "далее",
    "специализац",
    "接下来",
    "进阶",
    "次のステップ",
    "다음 단계",
];

/// A label word's unit and whether it is the plural form, for a lower-case word written in
/// `order` relative to its number.
pub(super) fn label_word(lower: &str, number_first: bool) -> Option<(Unit, bool)> {
    LABEL_WORDS.iter().find_map(|entry| {
        let fits = match entry.order {
            Order::Both => true,
            Order::Before => !number_first,
            Order::After => number_first,
        };
        if !fits {
            return None;
        }
        if entry.one == lower {
            return Some((entry.unit, false));
        }
        // Compared in place: this runs for every word that starts a block.
        let plural = match entry.many.strip_prefix('+') {
            _ if entry.many.is_empty() => false,
            Some(suffix) => lower
                .strip_prefix(entry.one)
                .is_some_and(|rest| rest == suffix),
            None => entry.many == lower,
        };
        plural.then_some((entry.unit, true))
    })
}

/// The weekday key (`mon` ... `sun`) a lower-case word names.
pub(super) fn weekday(lower: &str) -> Option<&'static str> {
    WEEKDAYS
        .iter()
        .find(|(_, spellings)| spellings.contains(&lower))
        .map(|(key, _)| *key)
}

/// Whether a lower-case word names a day unit in any order (for table headers: `Tag`, `天`).
pub(super) fn is_day_word(lower: &str) -> bool {
    matches!(label_word(lower, false), Some((Unit::Day, _)))
        || matches!(label_word(lower, true), Some((Unit::Day, _)))
        || matches!(lower, "天" | "日" | "일")
}

/// Whether a lower-case word names a week unit in any order.
pub(super) fn is_week_word(lower: &str) -> bool {
    matches!(label_word(lower, false), Some((Unit::Week, _)))
        || matches!(label_word(lower, true), Some((Unit::Week, _)))
        || matches!(lower, "周" | "週" | "주")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plurals_are_built_from_the_table() {
        assert_eq!(label_word("days", false), Some((Unit::Day, true)));
        assert_eq!(label_word("tage", false), Some((Unit::Day, true)));
        assert_eq!(label_word("giorni", false), Some((Unit::Day, true)));
        assert_eq!(label_word("wochen", false), Some((Unit::Week, true)));
        assert_eq!(label_word("dni", false), Some((Unit::Day, true)));
        assert_eq!(label_word("day", false), Some((Unit::Day, false)));
        assert_eq!(label_word("日目", true), Some((Unit::Day, false)));
        assert_eq!(label_word("日目", false), None);
        assert_eq!(label_word("dayz", false), None);
    }

    #[test]
    fn weekdays_in_many_languages() {
        assert_eq!(weekday("segunda-feira"), Some("mon"));
        assert_eq!(weekday("水曜日"), Some("wed"));
        assert_eq!(weekday("pazar"), Some("sun"));
        assert_eq!(weekday("sunshine"), None);
    }
}
