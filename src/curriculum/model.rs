//! The plan model every command works on, whatever shape the source file had.
//!
//! Plain data with no I/O. Keys come from the plan's own labels (week and day numbers, `4.1`,
//! `28-30`, `final`), never from positions, so that progress survives an edited plan.

use serde::{Deserialize, Serialize};

/// A parsed study plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Curriculum {
    /// Short id the user types (`rotating-48`, or the file stem of an imported plan).
    pub id: String,
    /// The plan's own title, from its first heading or first line.
    pub title: String,
    /// Plan-level facts: audience, time commitment, goal, duration, format ...
    pub meta: Vec<MetaEntry>,
    /// The cycle / week tree, in source order; days point into it by index.
    pub phases: Vec<Phase>,
    /// The ordered entries that progress walks through.
    pub days: Vec<Day>,
    /// Plan-level parts that are not days (resources, checklists, session structure ...).
    pub sections: Vec<Section>,
    /// What the parser repaired or ignored, with line numbers.
    pub warnings: Vec<Warning>,
    /// Levels over ranges of phases, from a section with the [`SectionRole::Levels`] role.
    pub levels: Vec<PhaseLevel>,
    /// Which rule found the days (`None` when there are none).
    pub found_by: Option<StepRule>,
    /// The readings the parser considered, best first (empty for a plan with no steps).
    pub readings: Vec<Reading>,
    /// The rank of the reading used (1-based; 0 when there was none to choose).
    pub chosen: usize,
}

/// One way of reading a plan: which blocks are its steps. `validate` lists them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reading {
    /// Its place among the readings, best first, from 1.
    pub rank: usize,
    /// How many steps it finds.
    pub steps: usize,
    /// What a step is called (`day`, `lesson`, `week`, `date`).
    pub unit: String,
    /// The rule in plain words: `level-3 headings 'Day N'`.
    pub rule: String,
    /// The first three step titles.
    pub first: Vec<String>,
    /// The rule as kept with a plan the user imported with this reading.
    pub key: String,
    /// Its score, in thousandths.
    pub score: u32,
    /// The share of the plan's text inside its steps, in percent.
    pub coverage: u32,
}

/// One `label: value` fact about the whole plan (`Time Commitment: 10-15 minutes daily`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MetaEntry {
    /// As written: `Time Commitment`.
    pub label: String,
    /// The rest of the line: `10-15 minutes daily`.
    pub value: String,
}

/// What a phase of the plan is called in its source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PhaseKind {
    /// `Cycle N`: the outer round of a rotating plan, holding its weeks.
    Cycle,
    /// `Week N`.
    Week,
    /// Any other grouping (a month, a part, a module, a stage).
    Part,
}

/// A grouping of days: a cycle, or a week inside a cycle.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Phase {
    /// What the source calls it.
    pub kind: PhaseKind,
    /// The phase's number where the source gives one (`Week 3` -> 3).
    pub number: Option<u32>,
    /// How the source names it: `Week 3`, `Cycle 1`, `Month 2`.
    pub label: String,
    /// The rest of its heading: `Advanced Data Structures (collections module)`.
    pub title: String,
    /// Index of the enclosing phase in [`Curriculum::phases`].
    pub parent: Option<usize>,
    /// 1-based source line of its heading.
    pub line: usize,
}

/// One entry of the plan: usually a day, sometimes a span of days (`Day 28–30`) or a week.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Day {
    /// Stable, lower-case, unique within the plan: `w3.d2`, `d5`, `d4.1`, `d28-30`, `final`.
    pub key: String,
    /// 1-based position in [`Curriculum::days`].
    pub ordinal: usize,
    /// How the source names it: `Day 4.1`, `Day 28–30`, `Final`, `Monday`.
    pub label: String,
    /// What the day is about.
    pub title: String,
    /// Calendar days the entry covers (3 for `Day 28–30`, 7 for a plan tracked by weeks).
    pub span: u32,
    /// Index of the innermost enclosing phase in [`Curriculum::phases`].
    pub phase: Option<usize>,
    /// Free text of the day that is not an item (a project idea, an intro line).
    pub notes: Vec<String>,
    /// What to do that day, numbered 1..n at the top level.
    pub items: Vec<Item>,
    /// 1-based source line where the day starts.
    pub line: usize,
}

/// What kind of work an item asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ItemKind {
    /// Something to read about or understand.
    Topic,
    /// A question to be able to answer (a READ step).
    Question,
    /// Something to build or do (a CODE step, a checklist entry).
    Task,
    /// An exercise to practise (interview drills, LeetCode).
    Practice,
    /// A hands-on exercise.
    HandsOn,
    /// Advice for the session.
    Tip,
    /// Something to hand in or show at the end.
    Deliverable,
}

impl ItemKind {
    /// The heading a day's items of this kind are grouped under.
    pub fn heading(self) -> &'static str {
        match self {
            ItemKind::Topic => "Topics",
            ItemKind::Question => "Read",
            ItemKind::Task => "Code",
            ItemKind::Practice => "Practice",
            ItemKind::HandsOn => "Hands-on",
            ItemKind::Tip => "Tip",
            ItemKind::Deliverable => "Deliverables",
        }
    }

    /// The kind's name as `--json` prints it.
    pub fn as_str(self) -> &'static str {
        match self {
            ItemKind::Topic => "topic",
            ItemKind::Question => "question",
            ItemKind::Task => "task",
            ItemKind::Practice => "practice",
            ItemKind::HandsOn => "hands-on",
            ItemKind::Tip => "tip",
            ItemKind::Deliverable => "deliverable",
        }
    }
}

/// One thing to do, with the details nested under it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Item {
    /// 1-based number among its siblings; top-level numbers are what `check N` takes.
    pub n: usize,
    /// What kind of work it asks for.
    pub kind: ItemKind,
    /// The item's text with inline Markdown kept (backticks stay).
    pub text: String,
    /// Whether the source wrote it as a checkbox (`- [ ]`).
    pub checkbox: bool,
    /// Whether the source ticked that checkbox (`- [x]`).
    pub ticked: bool,
    /// The details nested under it, numbered from 1 again.
    pub children: Vec<Item>,
}

/// A plan-level part that is not a day: resources, success metrics, a readiness checklist.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Section {
    /// Lower-case slug of the title (`interview-readiness-checklist`).
    pub key: String,
    /// Its heading as written.
    pub title: String,
    /// True when its items are checkboxes, so they can be ticked like a day's.
    pub checkable: bool,
    /// Paragraph text that is not a list item.
    pub text: Vec<String>,
    /// Its list items; a checkable section's are ticked with `check KEY:N`.
    pub items: Vec<Item>,
    /// 1-based source line of its heading.
    pub line: usize,
    /// What the section is to the plan, when the parser recognises it.
    pub role: Option<SectionRole>,
}

/// What a plan-level section does, recognised by the parser so that commands need not guess
/// from its words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum SectionRole {
    /// The steps of every session (read, code, reflect), shown with each day.
    Session,
    /// Levels that apply over ranges of phases (`Level 2 (Cycles 3-4)`); read as
    /// [`Curriculum::levels`].
    Levels,
    /// What continues after the last phase (`Cycle 5+`, `Next steps`), offered at the end.
    Continuation,
}

/// A level the plan assigns to a range of its phases: `Level 2 (Cycles 3-4): ...`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PhaseLevel {
    /// As written: `Level 2`, `Stufe 2`.
    pub label: String,
    /// The kind of phase the range counts (cycles, weeks, months).
    pub kind: PhaseKind,
    /// The number of the range's first phase.
    pub first: u32,
    /// `None` for an open range (`Cycles 5+`).
    pub last: Option<u32>,
    /// What the level asks for.
    pub text: String,
}

impl PhaseLevel {
    /// Whether phase number `n` of `kind` falls in this level's range.
    pub fn covers(&self, kind: PhaseKind, n: u32) -> bool {
        self.kind == kind && self.first <= n && self.last.is_none_or(|last| n <= last)
    }
}

/// Which rule found a plan's steps, for `validate` to say.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum StepRule {
    /// Day, weekday or date labels (`Day 3`, `Montag`, `第3天`, `2025-01-06`) in these blocks.
    Labels {
        /// The blocks the labels were found in: `headings`, `list items`, `table rows`.
        blocks: String,
    },
    /// Weeks, tracked as one entry each (the plan names no days).
    Weeks,
    /// A run of sibling blocks whose labels advance step by step, whatever the word.
    Structure {
        /// The blocks of the run: `headings`, `list items`, `table columns`.
        blocks: String,
        /// How the labels are written: `Lesson N`, `day.month dates`.
        word: String,
    },
    /// Checklists, in a plan with neither days nor weeks.
    Checklists,
}

impl StepRule {
    /// One line for `validate`: which rule found the steps, in what.
    pub fn describe(&self) -> String {
        match self {
            StepRule::Labels { blocks } => format!("day labels in {blocks}"),
            StepRule::Weeks => "week labels, one entry a week (no day labels)".to_string(),
            StepRule::Structure { blocks, word } => {
                format!("structure: a run of {blocks} labelled `{word}`, advancing step by step")
            }
            StepRule::Checklists => "checklists (no day or week labels)".to_string(),
        }
    }
}

/// Something the parser repaired or passed over.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Warning {
    /// 1-based source line, 0 when it concerns the whole file.
    pub line: usize,
    /// What was repaired or passed over, in one sentence.
    pub message: String,
}

impl Curriculum {
    /// Total calendar days the plan covers (sum of spans).
    pub fn total_span(&self) -> u32 {
        self.days.iter().map(|d| d.span).sum()
    }

    /// Number of top-level items over all days.
    pub fn item_count(&self) -> usize {
        self.days.iter().map(|d| d.items.len()).sum()
    }

    /// The phases enclosing a day, outermost first.
    pub fn phase_path(&self, day: &Day) -> Vec<&Phase> {
        let mut path = Vec::new();
        let mut next = day.phase;
        while let Some(i) = next {
            let Some(phase) = self.phases.get(i) else {
                break;
            };
            path.push(phase);
            next = phase.parent;
        }
        path.reverse();
        path
    }

    /// The day with this key (keys are stored lower-case).
    pub fn day(&self, key: &str) -> Option<&Day> {
        self.days.iter().find(|d| d.key.eq_ignore_ascii_case(key))
    }

    /// The section with this role, if the plan has one.
    pub fn section_with(&self, role: SectionRole) -> Option<&Section> {
        self.sections.iter().find(|s| s.role == Some(role))
    }

    /// The level the plan assigns to phase `n` of `kind` (`Level 1` for cycle 2).
    pub fn level_of(&self, kind: PhaseKind, n: u32) -> Option<&PhaseLevel> {
        self.levels.iter().find(|l| l.covers(kind, n))
    }

    /// True when the plan has something to track: days, or checkable sections.
    pub fn is_trackable(&self) -> bool {
        !self.days.is_empty()
    }
}
