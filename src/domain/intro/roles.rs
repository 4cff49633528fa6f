//! Complementary roles: two people worth introducing because one has
//! what the other looks for — a founder and an investor, a recruiter and
//! an engineer. Roles are read from the free-text job title by a few
//! words; a title that says none of them has no role here.

use crate::domain::fold::fold;

/// What a job title says someone does, as far as introductions care.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    /// Founders and chief executives.
    Founder,
    /// Investors: venture, angel, fund partners.
    Investor,
    /// Recruiters and talent partners.
    Recruiter,
    /// Students and graduates looking for their start.
    Student,
    /// Designers and UX people.
    Designer,
    /// Product managers.
    Product,
    /// Journalists, editors, podcast hosts.
    Journalist,
    /// Researchers and academics.
    Researcher,
    /// Engineers and developers.
    Engineer,
}

/// Title words for each role, checked in this order (a "Design
/// Engineer" is a designer, a "CEO" a founder).
const WORDS: [(Role, &[&str]); 9] = [
    (Role::Founder, &["founder", "cofounder", "ceo", "owner"]),
    (
        Role::Investor,
        &["investor", "investors", "vc", "venture", "angel"],
    ),
    (
        Role::Recruiter,
        &["recruiter", "recruiting", "talent", "headhunter"],
    ),
    (Role::Student, &["student", "phd", "intern", "graduate"]),
    (Role::Designer, &["designer", "design", "ux", "ui"]),
    (Role::Product, &["product"]),
    (
        Role::Journalist,
        &["journalist", "editor", "reporter", "podcast", "producer"],
    ),
    (
        Role::Researcher,
        &[
            "professor",
            "lecturer",
            "researcher",
            "research",
            "scientist",
        ],
    ),
    (
        Role::Engineer,
        &[
            "engineer",
            "engineering",
            "developer",
            "programmer",
            "sre",
            "devops",
            "architect",
            "cto",
        ],
    ),
];

/// Pairs of roles that gain from meeting, with how the reason says it.
const COMPLEMENTS: [(Role, Role); 8] = [
    (Role::Founder, Role::Investor),
    (Role::Founder, Role::Engineer),
    (Role::Founder, Role::Journalist),
    (Role::Recruiter, Role::Engineer),
    (Role::Recruiter, Role::Designer),
    (Role::Recruiter, Role::Student),
    (Role::Designer, Role::Engineer),
    (Role::Researcher, Role::Founder),
];

impl Role {
    /// The role a job title names, if any. A lone "Partner" is a fund's.
    pub fn of(title: &str) -> Option<Role> {
        let folded = fold(title);
        let words: Vec<&str> = folded
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect();
        if words == ["partner"] || words.ends_with(&["general", "partner"]) {
            return Some(Role::Investor);
        }
        WORDS
            .iter()
            .find(|(_, said)| words.iter().any(|w| said.contains(w)))
            .map(|(role, _)| *role)
    }

    /// The role as the reason says it.
    pub fn noun(self) -> &'static str {
        match self {
            Role::Founder => "founder",
            Role::Investor => "investor",
            Role::Recruiter => "recruiter",
            Role::Student => "student",
            Role::Designer => "designer",
            Role::Product => "product manager",
            Role::Journalist => "journalist",
            Role::Researcher => "researcher",
            Role::Engineer => "engineer",
        }
    }
}

/// Whether two roles complement each other, in either order.
pub fn complement(a: Role, b: Role) -> bool {
    COMPLEMENTS
        .iter()
        .any(|&(x, y)| (x, y) == (a, b) || (x, y) == (b, a))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_name_roles_and_some_roles_complement_each_other() {
        let cases = [
            ("Co-founder & CEO", Some(Role::Founder)),
            ("General Partner", Some(Role::Investor)),
            ("Partner", Some(Role::Investor)),
            ("Talent Partner", Some(Role::Recruiter)),
            ("Design Engineer", Some(Role::Designer)),
            ("Senior Software Engineer", Some(Role::Engineer)),
            ("Ingénieur logiciel", None),
            ("Chief of Staff", None),
        ];
        for (title, role) in cases {
            assert_eq!(Role::of(title), role, "{title}");
        }
        assert!(complement(Role::Investor, Role::Founder));
        assert!(!complement(Role::Engineer, Role::Engineer));
    }
}
