//! Position, pace, forecast and streaks: the schedule computed from a plan and its progress.
