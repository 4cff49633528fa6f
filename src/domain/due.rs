//! Due-ness: how long since you last gave or touched base, against the
//! contact's cadence.

use super::contact::{Contact, ContactState};
use super::network::Summary;
use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};
use std::cmp::Ordering;

/// Default stay-in-touch cadence per degree, in days.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Cadences {
    /// 1st-degree contacts.
    pub first: u32,
    /// 2nd-degree contacts.
    pub second: u32,
    /// 3rd-degree contacts.
    pub third: u32,
}

impl Default for Cadences {
    fn default() -> Self {
        Self {
            first: 30,
            second: 90,
            third: 180,
        }
    }
}

impl Cadences {
    /// The default cadence for a degree.
    pub fn for_degree(&self, degree: u8) -> u32 {
        match degree {
            0 | 1 => self.first,
            2 => self.second,
            _ => self.third,
        }
    }
}

/// Where a contact stands.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Due {
    /// Whole days since the last share or touch, else since connecting or
    /// being added, counted in the calendar of `now`'s offset.
    pub days_since: i64,
    /// Whether `days_since` counts from a real touch.
    pub touched: bool,
    /// The cadence in force.
    pub cadence: u32,
    /// `days_since / cadence`: 1.0 means due today.
    pub ratio: f64,
}

/// How urgent a contact is, for colours and glyphs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum DueState {
    /// Not due for more than a week.
    Fine,
    /// Due within a week.
    Soon,
    /// Their cadence has been reached: due today or past it.
    Overdue,
    /// Untriaged or dormant: never due.
    Inactive,
}

impl DueState {
    /// The word scripts see (`--json`) and the table prints.
    pub fn as_str(self) -> &'static str {
        match self {
            DueState::Fine => "fine",
            DueState::Soon => "soon",
            DueState::Overdue => "overdue",
            DueState::Inactive => "inactive",
        }
    }
}

impl Due {
    /// Computes due-ness at `now`. An ask is not a gift, so only shares and
    /// touches (the summary's `last_touch`) reset the clock.
    pub fn of(
        contact: &Contact,
        summary: Option<&Summary>,
        cadences: &Cadences,
        now: DateTime<FixedOffset>,
    ) -> Self {
        let cadence = contact
            .cadence_days
            .unwrap_or_else(|| cadences.for_degree(contact.degree))
            .max(1);
        let last = summary.and_then(|s| s.last_touch);
        // Days are counted on the user's current calendar: a call logged at
        // 23:30 in New York is "today" for a user now in Berlin if it was
        // today there.
        let anchor = match last {
            Some(t) => t.with_timezone(now.offset()).date_naive(),
            None => contact.connected.unwrap_or(contact.added),
        };
        let days_since = (now.date_naive() - anchor).num_days().max(0);
        Self {
            days_since,
            touched: last.is_some(),
            cadence,
            ratio: days_since as f64 / f64::from(cadence),
        }
    }

    /// Whether the cadence has been reached (due today counts).
    pub fn is_due(&self) -> bool {
        self.days_since >= i64::from(self.cadence)
    }

    /// Days past the cadence: 0 when due today, negative when not yet due.
    pub fn overdue_days(&self) -> i64 {
        self.days_since - i64::from(self.cadence)
    }

    /// The state for display, given the contact's triage state.
    pub fn state(&self, contact_state: ContactState) -> DueState {
        if contact_state != ContactState::Active {
            DueState::Inactive
        } else if self.is_due() {
            DueState::Overdue
        } else if self.days_since + 7 >= i64::from(self.cadence) {
            DueState::Soon
        } else {
            DueState::Fine
        }
    }

    /// Orders by urgency, most overdue (highest ratio) first. Compared by
    /// cross-multiplying whole numbers rather than through the float
    /// `ratio`, so equal ratios (60/30 and 180/90) tie exactly and the
    /// next tie-breaker decides.
    pub fn cmp_urgency(&self, other: &Due) -> Ordering {
        let mine = i128::from(self.days_since) * i128::from(other.cadence);
        let theirs = i128::from(other.days_since) * i128::from(self.cadence);
        theirs.cmp(&mine)
    }
}

/// "today", "yesterday", "12d ago": how a count of days back reads, in
/// the TUI and the CLI alike.
pub fn ago(days: i64) -> String {
    match days {
        ..=0 => "today".into(),
        1 => "yesterday".into(),
        n => format!("{n}d ago"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Contact, ContactState, Summary};
    use chrono::{Duration, NaiveDate};

    fn now() -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339("2026-11-26T09:00:00+01:00").unwrap()
    }

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn touched(days_ago: i64) -> Summary {
        Summary {
            last_touch: Some(now() - Duration::days(days_ago)),
            ..Default::default()
        }
    }

    fn ada() -> Contact {
        Contact::new("Ada", day("2026-01-01")).unwrap()
    }

    #[test]
    fn boundaries_of_a_30_day_cadence() {
        let c = ada();
        let cad = Cadences::default();
        let at = |days| Due::of(&c, Some(&touched(days)), &cad, now());
        let cases = [
            (0, DueState::Fine, false),
            (22, DueState::Fine, false),
            (23, DueState::Soon, false),
            (29, DueState::Soon, false),
            (30, DueState::Overdue, true),
            (45, DueState::Overdue, true),
        ];
        for (days, state, due) in cases {
            let d = at(days);
            assert_eq!(d.days_since, days);
            assert_eq!(d.state(ContactState::Active), state, "{days} days");
            assert_eq!(d.is_due(), due, "{days} days");
        }
        assert_eq!(at(45).overdue_days(), 15);
        assert_eq!(at(45).ratio, 1.5);
        assert_eq!(at(0).overdue_days(), -30);
    }

    #[test]
    fn untouched_contacts_count_from_connected_else_added() {
        let cad = Cadences::default();
        let mut c = ada();
        let d = Due::of(&c, None, &cad, now());
        assert_eq!((d.days_since, d.touched), (329, false));
        c.connected = Some(day("2026-11-06"));
        assert_eq!(Due::of(&c, None, &cad, now()).days_since, 20);
        // A summary with only asks has no last touch: the ask changes nothing.
        let asks_only = Summary {
            asks: 3,
            ..Default::default()
        };
        assert_eq!(Due::of(&c, Some(&asks_only), &cad, now()).days_since, 20);
    }

    #[test]
    fn cadence_comes_from_the_contact_else_the_degree() {
        let cad = Cadences::default();
        let mut c = ada();
        c.degree = 2;
        assert_eq!(Due::of(&c, None, &cad, now()).cadence, 90);
        c.degree = 3;
        assert_eq!(Due::of(&c, None, &cad, now()).cadence, 180);
        c.cadence_days = Some(7);
        assert_eq!(Due::of(&c, None, &cad, now()).cadence, 7);
    }

    #[test]
    fn untriaged_and_dormant_are_never_due_for_display() {
        let d = Due::of(&ada(), None, &Cadences::default(), now());
        assert!(d.is_due());
        assert_eq!(d.state(ContactState::Untriaged), DueState::Inactive);
        assert_eq!(d.state(ContactState::Dormant), DueState::Inactive);
    }

    #[test]
    fn days_count_on_the_users_calendar() {
        // 23:30 in New York on the 25th is 05:30 on the 26th in Berlin.
        let late = DateTime::parse_from_rfc3339("2026-11-25T23:30:00-05:00").unwrap();
        let s = Summary {
            last_touch: Some(late),
            ..Default::default()
        };
        let d = Due::of(&ada(), Some(&s), &Cadences::default(), now());
        assert_eq!(d.days_since, 0);
    }

    #[test]
    fn urgency_compares_ratios_exactly() {
        let due = |days_since, cadence| Due {
            days_since,
            touched: true,
            cadence,
            ratio: 0.0,
        };
        assert_eq!(due(60, 30).cmp_urgency(&due(180, 90)), Ordering::Equal);
        assert_eq!(due(45, 30).cmp_urgency(&due(100, 90)), Ordering::Less);
        assert_eq!(due(10, 30).cmp_urgency(&due(100, 90)), Ordering::Greater);
    }
}
