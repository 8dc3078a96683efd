//! `show`: days, weeks and sections of a plan, as text and JSON.
#![allow(clippy::unwrap_used)]

use crate::support::Pym;

#[test]
fn show_next_the_night_after_a_session_is_tomorrows_day() {
    let mut pym = Pym::new();
    pym.at(1, "09:00").run(&["start", "interview"]).ok();
    assert_eq!(
        pym.json(&["show", "next"])["day"]["key"],
        "d2",
        "before the session, next is the day after today's"
    );
    pym.run(&["done"]).ok();
    pym.at(1, "21:00");
    assert_eq!(
        pym.json(&["show", "next"])["day"]["key"],
        "d2",
        "after it, next is tomorrow's"
    );
    assert_eq!(pym.json(&["show", "today"])["day"]["key"], "d1");
    assert_eq!(
        pym.at(2, "09:00").json(&["show", "today"])["day"]["key"],
        "d2"
    );
}

#[test]
fn show_day_json_has_the_day_fields_at_the_top_and_under_day() {
    let pym = Pym::new();
    let d = pym.json(&["show", "d1", "--plan", "interview"]);
    assert_eq!(d["key"], "d1");
    assert_eq!(d["day"]["key"], "d1");
    assert_eq!(d["items"].as_array().unwrap().len(), 11);
}

#[test]
fn labels_number_days_as_the_plan_does_checklists_are_not_code_tips_are_not_checkboxes() {
    let pym = Pym::new();
    insta::assert_snapshot!(pym.run(&["show", "-p", "interview", "d5"]), @"
    Python Study Plan (Interview + Pet Project) · Day 5 of 16
    d5  Exceptions & Context Managers

    Topics
      [ ]  1. Exception hierarchy
      [ ]  2. `try / except / else / finally`
      [ ]  3. Catching specific exceptions
      [ ]  4. Custom exceptions
      [ ]  5. Exception chaining (`raise from`)
      [ ]  6. `with` statement
      [ ]  7. `__enter__` / `__exit__`
      [ ]  8. Exception suppression rules
      [ ]  9. `contextlib.contextmanager`
      [ ] 10. `ExitStack`
    Practice
      [ ] 11. Config loader with custom exceptions
      [ ] 12. Logging context manager (class-based)
      [ ] 13. Same context manager via `@contextmanager`
    ");
    insta::assert_snapshot!(pym.run(&["show", "-p", "interview", "d4.1"]), @"
    Python Study Plan (Interview + Pet Project) · Day 4.1 of 16
    d4.1  Value Objects vs Entities (DDD)

    Topics
      [ ] 1. Entity definition and lifecycle
      [ ] 2. Value Object definition
      [ ] 3. Equality vs identity
      [ ] 4. Immutability benefits
      [ ] 5. Entities containing Value Objects
    Practice
      [ ] 6. User (Entity) with Email (Value Object)
      [ ] 7. Money with Decimal and currency checks
    ");

    // Checklists, not code.
    insta::assert_snapshot!(pym.run(&["show", "-p", "interview", "readiness"]), @"
    interview-readiness-checklist  Interview Readiness Checklist
      [ ] 1. Explain MRO and `super()`
      [ ] 2. Explain mutable defaults
      [ ] 3. Explain GIL
      [ ] 4. Explain async vs threads
      [ ] 5. Explain Value Objects vs Entities
      [ ] 6. Explain exception design
      [ ] 7. Walk through pet-project architecture
    ");
    insta::assert_snapshot!(pym.run(&["show", "-p", "interview", "final"]), @"
    Python Study Plan (Interview + Pet Project) · Day 16 of 16
    final  Pet Project

    Project idea: Async Task Processing API

      [ ] 1. FastAPI
      [ ] 2. Async DB
      [ ] 3. Background workers
      [ ] 4. Custom exceptions
      [ ] 5. Context managers
      [ ] 6. Typing everywhere
      [ ] 7. Tests
      [ ] 8. Dockerized
      [ ] 9. Clean README
    ");

    let d1 = pym.run(&["show", "-p", "mastery-23", "d1"]).ok().stdout;
    assert!(d1.contains("\nTip\n  Use `sys.getsizeof()`"), "{d1}");
    assert!(!d1.contains("[ ] 13."), "a tip shown as a checkbox: {d1}");

    let outline = pym.run(&["show", "rotating-48"]).ok().stdout;
    for stale in ["Current Day", "Current Cycle", "Last Updated", " 0 items"] {
        assert!(!outline.contains(stale), "{stale}: {outline}");
    }
}

#[test]
fn show_aligns_sections_says_what_else_a_word_could_be_and_csv_has_item_numbers() {
    let pym = Pym::new();
    pym.run(&["start", "interview"]).ok();
    let outline = pym.run(&["show", "interview"]).ok().stdout;
    let sections: Vec<&str> = outline
        .split("\nSections\n")
        .nth(1)
        .unwrap()
        .lines()
        .filter(|l| l.starts_with("  ") && !l.starts_with("   "))
        .collect();
    let titles: Vec<usize> = sections
        .iter()
        .map(|l| {
            l.len()
                - l[2..]
                    .trim_start_matches(|c: char| c != ' ')
                    .trim_start()
                    .len()
        })
        .collect();
    assert!(sections.len() > 1, "{outline}");
    assert!(
        titles.windows(2).all(|w| w[0] == w[1]),
        "{titles:?}: {outline}"
    );
    insta::assert_snapshot!(pym.run(&["show", "nosuch"]), @"
    [stderr]
    error: no day 'nosuch' in interview (days d1 to final, or #1-#16); nor is it a section of interview
           or a plan (`pymastery plans` lists them)
    [exit status: 2]
    ");
    pym.run(&["check", "1", "2"]).ok();
    insta::assert_snapshot!(pym.run(&["log", "--format", "csv"]), @"
    date,plan,day,title,event,note,minutes,items
    2026-11-01,interview,d1,Python Basics & Philosophy,check,,,1 2
    ");
}

#[test]
fn show_prints_the_outline_with_meta_phases_days_and_sections() {
    let pym = Pym::new();
    let run = pym.run(&["show", "--plan", "rotating-48"]).ok();
    for want in [
        "Python Practice Plan",
        "10-15 minutes daily",
        "Cycle 1",
        "Week 3: Advanced Data Structures",
        "w3.d2",
        "w48.d7",
    ] {
        assert!(run.stdout.contains(want), "outline lacks {want:?}");
    }
    insta::assert_snapshot!(pym.run(&["show", "interview"]), @"
    Python Study Plan (Interview + Pet Project)
    interview · 16 days over 16 calendar days · 139 items
    Цель: Подготовка к Python backend интервью (Middle+/Senior); Понимание Python как production-языка;
    Создание pet-project для GitHub / CV
    Формат: ⏱ 1–2 часа в день; 📌 Чекбоксы для отслеживания прогресса; 🎯 Фокус на backend и архитектуру

      d1     Python Basics & Philosophy
      d2     Collections & Dataclasses
      d3     Functions, Args & Closures
      d4     OOP in Python
      d4.1   Value Objects vs Entities (DDD)
      d5     Exceptions & Context Managers
      d6     Iterators & Generators
      d7     Decorators
      d8     Typing & Static Analysis
      d9     Async Python
      d10    Concurrency
      d11    Testing
      d12    Backend Stack (FastAPI)
      d13    Persistence
      d14    Infrastructure Basics
      final  Pet Project

    Sections
      interview-readiness-checklist  Interview Readiness Checklist (7 items, checkable)
      done                           Done: You are interview-ready 🚀
    `pymastery show KEY` shows a day or a section
    ");
    let outline = pym.json(&["show", "--plan", "interview"]);
    assert_eq!(outline["days"].as_array().unwrap().len(), 16);
    let readiness = outline["sections"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["checkable"] == true)
        .unwrap();
    assert_eq!(readiness["items"].as_array().unwrap().len(), 7);
}

#[test]
fn show_takes_keys_ordinals_next_weeks_and_sections() {
    let pym = Pym::new();
    assert!(
        pym.json(&["show", "W3.D2"])["day"]["title"]
            .as_str()
            .unwrap()
            .contains("deque")
    );
    assert_eq!(pym.json(&["show", "#16"])["day"]["key"], "w3.d2");
    assert_eq!(pym.json(&["show", "next"])["day"]["key"], "w1.d2");
    assert_eq!(
        pym.json(&["show", "d4.1", "--plan", "interview"])["day"]["ordinal"],
        5
    );
    assert_eq!(
        pym.json(&["show", "d28-30", "--plan", "roadmap-30"])["day"]["span"],
        3
    );
    let week = pym.run(&["show", "week", "3"]).ok();
    assert!(week.stdout.contains("w3.d7"), "{}", week.stdout);
    let readiness = pym.run(&["show", "readiness", "--plan", "interview"]).ok();
    assert!(
        readiness.stdout.contains("Explain GIL"),
        "{}",
        readiness.stdout
    );
    pym.run(&["check", "readiness:3", "--plan", "interview"])
        .ok();
    let section = pym.json(&["show", "readiness", "--plan", "interview"]);
    assert_eq!(section["section"]["items"][2]["checked"], true);
}

#[test]
fn show_week_quoted_as_one_word_shows_the_week() {
    let pym = Pym::new();
    let quoted = pym.run(&["show", "week 3"]);
    assert_eq!(quoted.stdout, pym.run(&["show", "week", "3"]).ok().stdout);
    insta::assert_snapshot!(quoted, @"
    Week 3: Advanced Data Structures (collections module)

    w3.d1  `Counter` - frequency counting and most_common

    w3.d2  `deque` - efficient queues and rotation operations

    w3.d3  `defaultdict` - avoiding KeyError gracefully

    w3.d4  `OrderedDict` vs dict (Python 3.7+)

    w3.d5  `ChainMap` - layered dictionary lookups

    w3.d6  `namedtuple` and `typing.NamedTuple`

    w3.d7  Challenge: Implement LRU cache using OrderedDict/deque
    ");
    insta::assert_snapshot!(pym.run(&["show", "week 2", "--plan", "roadmap-30"]), @"
    Week 2: Advanced Python & Async

    d8  Decorators & Descriptors
      [ ] 1. Create `@cached_property`
      [ ] 2. Write descriptor for controlled attribute access

    d9  Metaclasses
      [ ] 1. Learn `type()`, `__new__`, metaclass patterns
      [ ] 2. Implement Registry metaclass

    d10  Context Managers
      [ ] 1. Implement timing context manager using `__enter__`, `__exit__`
      [ ] 2. Learn `contextlib.contextmanager`

    d11  Asyncio Basics
      [ ] 1. Learn event loop, coroutines, `await`
      [ ] 2. Write async HTTP fetcher using `aiohttp`

    d12  Async Advanced
      [ ] 1. Compare threading, multiprocessing, asyncio
      [ ] 2. Benchmark CPU-bound vs IO-bound tasks

    d13  Type Hints & Static Typing
      [ ] 1. Add type hints with `typing` (Generics, Protocols)
      [ ] 2. Run `mypy` & fix type errors

    d14  Weekly Project
      [ ] 1. Async fetcher with typed code + DB store
      [ ] 2. Inspect coroutine states using `inspect` module
    ");
}
