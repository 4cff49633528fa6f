//! The templates netwerk ships, used when the config has none.
//!
//! Each is short, names one thing, and says why it made you think of the
//! person; the interest and signature are optional sections, so a note
//! still reads well for a contact you know little about. Several per kind,
//! so rotation has somewhere to go.

use crate::domain::ItemKind::{self, Article, Blog, Other, Paper, Podcast, Video};

/// Name, kinds it suits (empty: any), text.
pub(super) const BUILTIN: [(&str, &[ItemKind], &str); 10] = [
    (
        "thought-of-you",
        &[Article, Blog],
        "Hi {first_name}, I read this {kind} and thought of you\
         [ — with your interest in {interest}, I think you'll enjoy it]:\n\n\
         {title}\n{url}[\n\n{signature}]",
    ),
    (
        "no-reply-needed",
        &[Article, Blog],
        "Hi {first_name}! I came across this {kind}[, “{title}”,] and figured you'd like it\
         [, knowing how much you care about {interest}]. {url}\n\n\
         No need to reply — just passing it along.[\n\n{signature}]",
    ),
    (
        "curious",
        &[Article, Blog, Paper],
        "Hi {first_name}, hope all is well[ at {company}]! This {kind} made me \
         curious what you'd make of it[, given your interest in {interest}]: \
         “{title}” {url}[\n\n{signature}]",
    ),
    (
        "watched-this",
        &[Video],
        "Hi {first_name}, I watched this {kind} and immediately thought of you\
         [ and your interest in {interest}]:\n\n{title}\n{url}[\n\n{signature}]",
    ),
    (
        "worth-a-watch",
        &[Video],
        "Hi {first_name}! If you have a few minutes, this one is worth watching\
         [, especially for someone into {interest}]: “{title}” {url}[\n\n{signature}]",
    ),
    (
        "for-your-commute",
        &[Podcast],
        "Hi {first_name}, here's a {kind} for your next walk or commute\
         [ — it touches on {interest}, so I thought of you]:\n\n{title}\n{url}[\n\n{signature}]",
    ),
    (
        "just-listened",
        &[Podcast],
        "Hi {first_name}! I just listened to this {kind}[, “{title}”,] and kept thinking you'd \
         enjoy it[, given your interest in {interest}]. {url}[\n\n{signature}]",
    ),
    (
        "have-you-seen",
        &[Paper],
        "Hi {first_name}, have you seen this paper[ on {interest}]?[ “{title}” —] \
         I'd be curious what you make of it. {url}[\n\n{signature}]",
    ),
    (
        "passing-along",
        &[Other],
        "Hi {first_name}! Passing this along because it made me think of you\
         [ and {interest}]:[ {title} —] {url}[\n\n{signature}]",
    ),
    (
        "saw-this",
        &[],
        "Hi {first_name}, I saw this and thought of you\
         [, given your interest in {interest}]:\n\n{title}\n{url}[\n\n{signature}]",
    ),
];

/// The built-in notes of introductions and congratulations, by the
/// name a user's `[[template]]` takes to replace one (see `Purpose`).
pub(super) const PURPOSES: [(&str, &str); 3] = [
    (
        "intro-ask",
        "Hi {first_name}, would you like to meet {other_name}[, {other_role}][ at {other_company}]? \
         [You both care about {interest}, and ]I think you two would enjoy talking. \
         If you're up for it, I'll introduce you — no pressure either way.[\n\n{signature}]",
    ),
    (
        "intro-bridge",
        "{first_name}[, {role}][ at {company}], meet {other_first_name}[, {other_role}]\
         [ at {other_company}]! [You both care about {interest}, and ]I've wanted you two \
         to talk for a while. I'll leave it to you from here.[\n\n{signature}]",
    ),
    (
        "congrats",
        "Hi {first_name}, congratulations on the new role[ as {role}][ at {company}]! \
         I'd love to hear how the first weeks are going.[\n\n{signature}]",
    ),
];
