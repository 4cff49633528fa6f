//! The command line's shape (SPEC §6), declared once with clap.

use super::candidates;
use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

/// netwerk: learn what your contacts care about, collect what they would
/// enjoy, pass it along with a personal note, and keep the history.
#[derive(Debug, Parser)]
#[command(name = "netwerk", version, about, long_about = None)]
pub struct Cli {
    /// Data directory (default: $NETWERK_DATA, else ~/.local/share/netwerk).
    #[arg(long, global = true, value_name = "DIR")]
    pub data: Option<PathBuf>,
    /// Config file (default: $XDG_CONFIG_HOME/netwerk/config.toml).
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Open on a bundled sample network in a throwaway directory.
    #[arg(long)]
    pub demo: bool,
    /// What to do; without one, the full-screen program opens.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Add, list, show, edit or remove contacts.
    #[command(subcommand)]
    Contact(ContactCmd),
    /// Add or remove a contact's interests; list all interests.
    #[command(subcommand)]
    Interest(InterestCmd),
    /// Add, list, edit or remove content in the queue.
    #[command(subcommand)]
    Queue(QueueCmd),
    /// Subscribe to feeds, import or export them, fetch them into the inbox.
    #[command(subcommand)]
    Feed(FeedCmd),
    /// New entries from your feeds, each with the contacts it suits.
    Inbox(InboxArgs),
    /// Log a touch (call, coffee, message…) or an ask.
    Log(LogArgs),
    /// Show the history, newest first.
    History(HistoryArgs),
    /// Compose a note for a contact about an item, copy it and log the share.
    Share(ShareArgs),
    /// Introduce two contacts, double opt-in: a private ask to each, then
    /// the bridge note once both said yes; list, move on and suggest
    /// introductions.
    Intro(IntroArgs),
    /// Asks that close: mark one answered, list the open ones.
    #[command(subcommand)]
    Ask(AskCmd),
    /// Job changes seen on import: list, congratulate or dismiss them.
    #[command(subcommand)]
    Moment(MomentCmd),
    /// The week in one page: who is due and what to send each, new inbox
    /// matches, moments, open asks, pending introductions, last week's gives.
    Digest(DigestArgs),
    /// Fuzzy-search contacts by name, company, role and interests.
    Search(SearchArgs),
    /// Who to reach out to now: contacts past their cadence, most overdue first.
    Due(DueArgs),
    /// Best contact × item pairs to send now, each with its reason.
    Suggest(SuggestArgs),
    /// Review imported contacts: rank them, then keep or set aside many at once.
    #[command(subcommand)]
    Triage(TriageCmd),
    /// Giga score, number due, untriaged, gives and asks per week.
    Stats {
        #[command(flatten)]
        json: JsonFlag,
    },
    /// Bring in contacts (LinkedIn, vCard) or links for the queue (URL list, Pocket).
    #[command(subcommand)]
    Import(ImportCmd),
    /// Write contacts as vCard, CSV or a vdir, or everything as a JSON backup.
    Export(ExportArgs),
    /// Undo the last change, made here or in the full-screen program.
    Undo(UndoArgs),
    /// Make the change last undone again.
    Redo(UndoArgs),
    /// Check paths, files, permissions, clipboard route and terminal.
    Doctor,
    /// Commit, merge the other machine's changes and push, through git.
    ///
    /// Changes are merged record by record; `sync init` sets it up, once
    /// on each machine.
    Sync(SyncArgs),
    /// Merge Syncthing or Dropbox conflict copies into the data files.
    ///
    /// Also merges both sides of a file git left conflict markers in, and
    /// clears the notes a merge left on a record once settled (--done).
    Resolve(ResolveArgs),
    /// Git's merge driver for the data files (registered by sync init).
    ///
    /// Merges the versions of a data file record by record; git runs it.
    #[command(name = "merge-driver")]
    MergeDriver(MergeDriverArgs),
    /// Print the manual page, or write one per command with --dir.
    Man {
        /// Write netwerk.1 and a page per command (netwerk-share.1 …) here.
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
    },
    /// Print shell completions.
    Completions {
        /// bash, zsh, fish, elvish or powershell.
        shell: clap_complete::Shell,
    },
}

/// `sync`
#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct SyncArgs {
    /// `init`; without it, commit, pull and push.
    #[command(subcommand)]
    pub cmd: Option<SyncCmd>,
}

/// `sync …`
#[derive(Debug, Subcommand)]
pub enum SyncCmd {
    /// Make the data directory a git repository whose data files merge
    /// record by record: writes .gitattributes and .gitignore and
    /// registers the merge driver (once on each machine; safe to repeat).
    Init,
}

/// `resolve`
#[derive(Debug, Args)]
pub struct ResolveArgs {
    /// A conflict copy in the data directory, or a data file holding git's
    /// conflict markers (default: every one there is).
    pub file: Option<PathBuf>,
    /// Say what would happen; change nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// The notes a merge left on this record are settled: remove them
    /// (id, name or title of a record holding notes).
    #[arg(long, value_name = "RECORD", conflicts_with_all = ["file", "dry_run"])]
    pub done: Option<String>,
}

/// `merge-driver %O %A %B %P`, as git calls it.
#[derive(Debug, Args)]
pub struct MergeDriverArgs {
    /// The common ancestor's version (%O).
    pub base: PathBuf,
    /// This side's version (%A); the merge is written here.
    pub ours: PathBuf,
    /// The other side's version (%B).
    pub theirs: PathBuf,
    /// The file's path in the repository (%P): which data file it is.
    pub path: PathBuf,
}

/// `undo` and `redo`.
#[derive(Debug, Args)]
pub struct UndoArgs {
    /// Say what would be undone; write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Print what was done as one JSON object.
    #[arg(long)]
    pub json: bool,
}

/// Output as JSON instead of a table.
#[derive(Debug, Args, Clone, Copy)]
pub struct JsonFlag {
    /// One JSON array on stdout, for scripts.
    #[arg(long)]
    pub json: bool,
}

/// `contact …`
#[derive(Debug, Subcommand)]
pub enum ContactCmd {
    /// Add a contact.
    Add(ContactAdd),
    /// List contacts.
    List {
        /// Only contacts with this interest.
        #[arg(long)]
        interest: Option<String>,
        /// Only contacts in this state: active, untriaged or dormant.
        #[arg(long, value_name = "STATE", add = candidates::state())]
        state: Option<String>,
        #[command(flatten)]
        json: JsonFlag,
    },
    /// Show one contact in full, with their history.
    Show {
        /// Id or name query matching exactly one contact.
        #[arg(add = candidates::contact())]
        contact: String,
        #[command(flatten)]
        json: JsonFlag,
    },
    /// Change fields of a contact.
    Edit(ContactEdit),
    /// Merge two records of one person: the second is folded into the
    /// first and removed; its history counts for the first from then on.
    Merge {
        /// The record that stays (id or name query).
        #[arg(add = candidates::contact())]
        survivor: String,
        /// The record folded in and removed (id or name query).
        #[arg(add = candidates::contact())]
        other: String,
        /// Show what would change; write nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// Remove a contact (their history stays).
    Rm {
        /// Id or name query matching exactly one contact.
        #[arg(add = candidates::contact())]
        contact: String,
    },
}

/// `contact add`
#[derive(Debug, Args)]
pub struct ContactAdd {
    /// Full name.
    pub name: String,
    /// Employer.
    #[arg(long)]
    pub company: Option<String>,
    /// Job title.
    #[arg(long)]
    pub role: Option<String>,
    /// Email address.
    #[arg(long)]
    pub email: Option<String>,
    /// 1st, 2nd or 3rd degree (default 1).
    #[arg(long, value_name = "N")]
    pub degree: Option<u8>,
    /// Stay-in-touch cadence in days (default by degree).
    #[arg(long, value_name = "DAYS")]
    pub cadence: Option<u32>,
    /// An interest; repeat for several.
    #[arg(long = "interest", value_name = "I")]
    pub interests: Vec<String>,
    /// A profile link as KIND=URL (linkedin, facebook, website, github, x, other); repeatable.
    #[arg(long = "link", value_name = "KIND=URL")]
    pub links: Vec<String>,
    /// Free notes.
    #[arg(long, value_name = "T")]
    pub note: Option<String>,
    /// How or where you met.
    #[arg(long)]
    pub met: Option<String>,
    /// Add even though a contact with the same profile link or e-mail is known.
    #[arg(long)]
    pub force: bool,
}

/// `contact edit`
#[derive(Debug, Args)]
pub struct ContactEdit {
    /// Id or name query matching exactly one contact.
    #[arg(add = candidates::contact())]
    pub contact: String,
    /// New name (forgets a given and family name set before).
    #[arg(long)]
    pub name: Option<String>,
    /// Given name, the one `{first_name}` writes ("" reads it from the name).
    #[arg(long, value_name = "NAME")]
    pub given_name: Option<String>,
    /// Family name ("" reads it from the name).
    #[arg(long, value_name = "NAME")]
    pub family_name: Option<String>,
    /// New employer ("" clears).
    #[arg(long)]
    pub company: Option<String>,
    /// New job title ("" clears).
    #[arg(long)]
    pub role: Option<String>,
    /// New email ("" clears).
    #[arg(long)]
    pub email: Option<String>,
    /// New degree.
    #[arg(long, value_name = "N")]
    pub degree: Option<u8>,
    /// New cadence in days; 0 returns to the default for the degree.
    #[arg(long, value_name = "DAYS")]
    pub cadence: Option<u32>,
    /// New notes ("" clears).
    #[arg(long, value_name = "T")]
    pub note: Option<String>,
    /// New how/where met ("" clears).
    #[arg(long)]
    pub met: Option<String>,
    /// Add a link KIND=URL; repeatable.
    #[arg(long = "link", value_name = "KIND=URL")]
    pub links: Vec<String>,
    /// Remove all links first (then --link adds new ones).
    #[arg(long)]
    pub clear_links: bool,
    /// New state: active (keep in touch), dormant (set aside) or untriaged.
    #[arg(long, value_name = "STATE", add = candidates::state())]
    pub state: Option<String>,
    /// Save even though another contact has the same profile link or e-mail.
    #[arg(long)]
    pub force: bool,
}

/// `interest …`
#[derive(Debug, Subcommand)]
pub enum InterestCmd {
    /// Add interests to a contact.
    Add {
        /// Id or name query matching exactly one contact.
        #[arg(add = candidates::contact())]
        contact: String,
        /// One or more interests.
        #[arg(required = true)]
        interests: Vec<String>,
    },
    /// Remove interests from a contact.
    Rm {
        /// Id or name query matching exactly one contact.
        #[arg(add = candidates::contact())]
        contact: String,
        /// One or more interests.
        #[arg(required = true)]
        interests: Vec<String>,
    },
    /// All interests with how many contacts and items carry each.
    List {
        #[command(flatten)]
        json: JsonFlag,
    },
}

/// `queue …`
#[derive(Debug, Subcommand)]
pub enum QueueCmd {
    /// Add a link to the content queue.
    Add(QueueAdd),
    /// List the queue.
    List {
        /// Include archived items.
        #[arg(long)]
        all: bool,
        /// Only items with this topic.
        #[arg(long)]
        topic: Option<String>,
        /// Best match for this contact first (what they have not been sent,
        /// strongest match, newest), instead of newest first.
        #[arg(long = "for", value_name = "CONTACT", add = candidates::contact())]
        for_contact: Option<String>,
        #[command(flatten)]
        json: JsonFlag,
    },
    /// Change an item.
    Edit(QueueEdit),
    /// Archive an item: kept for history, no longer offered.
    Archive {
        /// Id, URL or title query matching exactly one item.
        #[arg(add = candidates::item())]
        item: String,
    },
    /// Remove an item.
    Rm {
        /// Id, URL or title query matching exactly one item.
        #[arg(add = candidates::item())]
        item: String,
    },
}

/// `queue add`
#[derive(Debug, Args)]
pub struct QueueAdd {
    /// The address (tracking parameters are dropped).
    pub url: String,
    /// Title (default: made from the address).
    #[arg(long, value_name = "T")]
    pub title: Option<String>,
    /// article, blog, video, podcast, paper or other.
    #[arg(long, value_name = "K", add = candidates::item_kind())]
    pub kind: Option<String>,
    /// A topic; repeat for several.
    #[arg(long = "topic", value_name = "T")]
    pub topics: Vec<String>,
    /// Why you saved it.
    #[arg(long, value_name = "C")]
    pub comment: Option<String>,
    /// The entry's description (newsboat's third field): your contacts'
    /// interests it names become topics.
    #[arg(long, value_name = "D")]
    pub description: Option<String>,
    /// The feed's title (newsboat's fourth field): your contacts'
    /// interests it names become topics.
    #[arg(long, value_name = "F")]
    pub feed: Option<String>,
}

/// `queue edit`
#[derive(Debug, Args)]
pub struct QueueEdit {
    /// Id, URL or title query matching exactly one item.
    #[arg(add = candidates::item())]
    pub item: String,
    /// New title.
    #[arg(long, value_name = "T")]
    pub title: Option<String>,
    /// New kind.
    #[arg(long, value_name = "K", add = candidates::item_kind())]
    pub kind: Option<String>,
    /// Add a topic; repeatable.
    #[arg(long = "topic", value_name = "T")]
    pub topics: Vec<String>,
    /// Remove all topics first.
    #[arg(long)]
    pub clear_topics: bool,
    /// New comment ("" clears).
    #[arg(long, value_name = "C")]
    pub comment: Option<String>,
    /// Bring an archived item back.
    #[arg(long)]
    pub unarchive: bool,
}

/// `log`
#[derive(Debug, Args)]
pub struct LogArgs {
    /// Id or name query matching exactly one contact.
    #[arg(add = candidates::contact())]
    pub contact: String,
    /// touch (the default), ask (referral, intro, advice), or how you
    /// were in touch: call, coffee, message, email, meeting, video,
    /// comment or event (a touch that way).
    #[arg(long, value_name = "KIND", default_value = "touch", add = candidates::log_kind())]
    pub kind: String,
    /// How it happened: call, coffee, message, email, meeting, video, comment or event.
    #[arg(long, value_name = "CHANNEL", add = candidates::channel())]
    pub via: Option<String>,
    /// What happened.
    #[arg(long, value_name = "T")]
    pub note: Option<String>,
    /// When it happened (YYYY-MM-DD, "YYYY-MM-DD HH:MM" or RFC 3339); default now.
    #[arg(long, value_name = "DATE")]
    pub at: Option<String>,
    /// Log an ask even though you have never given them anything.
    #[arg(long)]
    pub force: bool,
}

/// `due`
#[derive(Debug, Args)]
pub struct DueArgs {
    /// At most this many contacts.
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,
    /// Print only how many are due (for a shell prompt).
    #[arg(long, conflicts_with_all = ["json", "limit"])]
    pub count: bool,
    #[command(flatten)]
    pub json: JsonFlag,
}

/// `suggest`
#[derive(Debug, Args)]
pub struct SuggestArgs {
    /// At most this many pairs.
    #[arg(long, value_name = "N", default_value_t = 10)]
    pub limit: usize,
    #[command(flatten)]
    pub json: JsonFlag,
}

/// `intro`
#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
pub struct IntroArgs {
    /// List, move on or suggest introductions; without one, introduce A and B.
    #[command(subcommand)]
    pub cmd: Option<IntroCmd>,
    /// The first person (id or name query matching exactly one contact).
    #[arg(required = true, add = candidates::contact())]
    pub a: Option<String>,
    /// The second person.
    #[arg(required = true, add = candidates::contact())]
    pub b: Option<String>,
    /// Print both notes on stdout instead of copying them; the introduction is recorded.
    #[arg(long, conflicts_with = "dry_run")]
    pub print: bool,
    /// Only print the notes: nothing is copied or recorded.
    #[arg(long)]
    pub dry_run: bool,
    /// Introduce them although they were introduced before.
    #[arg(long)]
    pub again: bool,
}

/// `intro …`
#[derive(Debug, Subcommand)]
pub enum IntroCmd {
    /// Move an introduction on: accepted (both said yes; the bridge note is
    /// drafted and copied), declined, or made (the bridge note went out).
    Mark {
        /// The introduction's id (see `intro list`).
        id: String,
        /// accepted, declined or made.
        stage: String,
        /// Print the bridge note instead of copying it.
        #[arg(long)]
        print: bool,
        /// A note to keep with this stage (for accepted: the bridge note as written).
        #[arg(long, value_name = "TEXT")]
        note: Option<String>,
    },
    /// Introductions still open (asked, or accepted and not made), with their stage.
    List {
        /// Made and declined ones too.
        #[arg(long)]
        all: bool,
        #[command(flatten)]
        json: JsonFlag,
    },
    /// Pairs worth introducing, with the reason: shared interests (rare
    /// ones count more) and complementary roles.
    Suggest {
        /// At most this many pairs.
        #[arg(long, value_name = "N", default_value_t = 10)]
        limit: usize,
        /// Only partners for this contact.
        #[arg(long = "for", value_name = "CONTACT", add = candidates::contact())]
        for_contact: Option<String>,
        #[command(flatten)]
        json: JsonFlag,
    },
}

/// `ask …`
#[derive(Debug, Subcommand)]
pub enum AskCmd {
    /// Mark an ask answered (its id is printed by `log --kind ask` and `ask list`).
    Done {
        /// The ask's id.
        id: String,
        /// What came of it.
        #[arg(long, value_name = "T")]
        note: Option<String>,
    },
    /// Asks still waiting for an answer, newest first.
    List {
        /// Only asks to this contact.
        #[arg(long, value_name = "C", add = candidates::contact())]
        contact: Option<String>,
        #[command(flatten)]
        json: JsonFlag,
    },
}

/// `moment …`
#[derive(Debug, Subcommand)]
pub enum MomentCmd {
    /// Moments not yet acted on or dismissed, newest first.
    List {
        #[command(flatten)]
        json: JsonFlag,
    },
    /// Draft a congratulation from the `congrats` template, copy it and log
    /// it as a touch that acts on the moment.
    Congrats {
        /// The moment's id (see `moment list`).
        id: String,
        /// Send this note as written instead of one from the template.
        #[arg(long, value_name = "TEXT")]
        note: Option<String>,
        /// Print the note on stdout instead of copying it; the touch is logged.
        #[arg(long, conflicts_with = "dry_run")]
        print: bool,
        /// Only print the note: nothing is copied or logged.
        #[arg(long)]
        dry_run: bool,
    },
    /// Set a moment aside without acting on it.
    Dismiss {
        /// The moment's id.
        id: String,
    },
}

/// What `digest` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum DigestFormat {
    /// Plain text, for a terminal, a mail or a motd.
    Text,
    /// Markdown, for a note-taking app or a chat.
    Markdown,
    /// One JSON object, for scripts.
    Json,
}

/// `digest`
#[derive(Debug, Args)]
pub struct DigestArgs {
    /// How many days back "new" and "last week" reach.
    #[arg(long, value_name = "N", default_value_t = 7)]
    pub days: u32,
    /// text, markdown or json.
    #[arg(long, value_enum, default_value_t = DigestFormat::Text)]
    pub format: DigestFormat,
    /// Short for --format json.
    #[arg(long, conflicts_with = "format")]
    pub json: bool,
    /// At most this many due people.
    #[arg(long, value_name = "N", default_value_t = 10)]
    pub limit: usize,
}

/// `history`
#[derive(Debug, Args)]
pub struct HistoryArgs {
    /// Only entries for this contact.
    #[arg(long, value_name = "C", add = candidates::contact())]
    pub contact: Option<String>,
    /// Only entries on or after this date.
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// Only share, touch, ask, intro or moment entries, or those made via
    /// a channel (call, coffee, message, email, meeting, video, comment, event).
    #[arg(long, value_name = "K", add = candidates::history_kind())]
    pub kind: Option<String>,
    /// At most this many entries.
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,
    /// Also entries taken back by an undo (marked voided) and the void
    /// records that took them back.
    #[arg(long)]
    pub all: bool,
    #[command(flatten)]
    pub json: JsonFlag,
}

/// `share`
#[derive(Debug, Args)]
pub struct ShareArgs {
    /// Id or name query matching exactly one contact.
    #[arg(add = candidates::contact())]
    pub contact: String,
    /// Id, URL or title query matching exactly one item (archived ones too).
    #[arg(add = candidates::item())]
    pub item: String,
    /// Start from this template instead of the next one in rotation.
    #[arg(long, value_name = "NAME", conflicts_with = "note")]
    pub template: Option<String>,
    /// Send this note as written instead of one from a template.
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
    /// Print the note on stdout instead of copying it; the share is logged.
    #[arg(long, conflicts_with = "dry_run")]
    pub print: bool,
    /// Only print the note: nothing is copied or logged.
    #[arg(long)]
    pub dry_run: bool,
    /// Share even though this item already went to this contact.
    #[arg(long)]
    pub again: bool,
}

/// `import …`
#[derive(Debug, Subcommand)]
pub enum ImportCmd {
    /// LinkedIn's Connections.csv, or the data archive (.zip) holding it
    /// (Settings → Data privacy → Get a copy of your data).
    Linkedin(ImportFile),
    /// vCard 2.1, 3.0 or 4.0 (Android, Apple, Google, Outlook contacts).
    Vcard(ImportFile),
    /// Google Contacts CSV (contacts.google.com → Export → Google CSV).
    Google(ImportFile),
    /// One URL per line, an optional title after it, `#` comments; into the queue.
    Urls(ImportUrls),
    /// Pocket's CSV export (title,url,time_added,tags,status); into the queue.
    Pocket(ImportFile),
    /// Bookmarks, the format found from the file: Netscape HTML (browsers,
    /// linkding, Raindrop, Karakeep), Raindrop or Instapaper CSV, wallabag
    /// or Omnivore JSON; tags become topics. Into the queue.
    Bookmarks(ImportFile),
    /// A backup `export json` wrote: contacts, queue and history. Into an
    /// empty data directory exactly; over existing data only with
    /// --replace or --merge.
    Json(ImportJson),
    /// A vdir: a directory of vCard files, one per contact (vdirsyncer,
    /// pimsync), as `export vdir` writes it; cards are merged by UID.
    Vdir(ImportFile),
}

/// `import json`: restoring a backup.
#[derive(Debug, Args)]
pub struct ImportJson {
    /// The file and the usual import flags.
    #[command(flatten)]
    pub file: ImportFile,
    /// Replace whatever the data directory holds with the backup.
    #[arg(long, conflicts_with = "merge")]
    pub replace: bool,
    /// Add the contacts, items and history entries whose ids are unknown;
    /// leave the known ones alone.
    #[arg(long)]
    pub merge: bool,
}

/// `import urls`: a URL list, with topics and a kind for every link.
#[derive(Debug, Args)]
pub struct ImportUrls {
    /// The file and the usual import flags.
    #[command(flatten)]
    pub file: ImportFile,
    /// A topic every link gets (repeatable), so it can match someone.
    #[arg(long = "topic", value_name = "TOPIC")]
    pub topics: Vec<String>,
    /// The kind of every link (article, blog, video, podcast, paper, other)
    /// instead of the one its address suggests.
    #[arg(long, add = candidates::item_kind())]
    pub kind: Option<String>,
}

/// What every import takes.
#[derive(Debug, Args)]
pub struct ImportFile {
    /// The file to read; `-` reads standard input.
    pub file: PathBuf,
    /// Show what would be added, updated and skipped; write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Print the summary as one JSON object.
    #[arg(long)]
    pub json: bool,
}

/// `export`
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// vcard (4.0), csv (contacts, for spreadsheets), json (everything: a complete backup) or vdir (a card per contact in DIR, for CardDAV sync).
    #[arg(value_enum)]
    pub format: ExportFormat,
    /// For vdir: the directory to write the cards into (created if missing; never inside the data directory).
    #[arg(
        value_name = "DIR",
        required_if_eq("format", "vdir"),
        conflicts_with = "out"
    )]
    pub dir: Option<PathBuf>,
    /// Write to this file (atomically, owner-only; a pipe, a device or /dev/stdout is written in place) instead of standard output. Never into the data directory.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

/// What `export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    /// Contacts as vCard 4.0.
    Vcard,
    /// Contacts as CSV with a header row.
    Csv,
    /// Contacts, queue and history as one JSON document.
    Json,
    /// One vCard 4.0 file per contact in a directory (a vdir), for
    /// vdirsyncer or pimsync to sync with a CardDAV server.
    Vdir,
}

/// `search`
#[derive(Debug, Args)]
pub struct SearchArgs {
    /// Words that must each match, fuzzily, accents and case ignored.
    pub query: String,
    /// At most this many matches, best first (0 for all).
    #[arg(long, value_name = "N", default_value_t = 20)]
    pub limit: usize,
    #[command(flatten)]
    pub json: JsonFlag,
}

/// `feed …`
#[derive(Debug, Subcommand)]
pub enum FeedCmd {
    /// Subscribe to a feed (RSS, Atom or JSON Feed).
    Add {
        /// The feed's address.
        url: String,
        /// A topic every entry of it carries; repeat for several.
        #[arg(long = "topic", value_name = "T")]
        topics: Vec<String>,
        /// What to call it (default: the feed's own title).
        #[arg(long, value_name = "N")]
        name: Option<String>,
    },
    /// List the subscriptions.
    List {
        #[command(flatten)]
        json: JsonFlag,
    },
    /// Unsubscribe.
    Rm {
        /// Address or name matching exactly one feed.
        feed: String,
    },
    /// Subscribe to the feeds of an OPML file or of newsboat.
    #[command(subcommand)]
    Import(FeedImport),
    /// Write the subscriptions as OPML on standard output.
    #[command(subcommand)]
    Export(FeedExport),
    /// Fetch every feed (8 at a time) and add new entries to the inbox.
    Refresh {
        /// Give up on a feed after this many seconds.
        #[arg(long, value_name = "SECS", default_value_t = 20)]
        timeout: u64,
        #[command(flatten)]
        json: JsonFlag,
    },
    /// Add the entries of a feed read from a file (or `-`, standard input) to the inbox.
    Ingest {
        /// The feed document; `-` reads standard input.
        file: std::path::PathBuf,
        /// The feed's name, shown with its entries.
        #[arg(long, value_name = "N")]
        name: Option<String>,
        /// A topic every entry carries; repeat for several.
        #[arg(long = "topic", value_name = "T")]
        topics: Vec<String>,
        /// Print the summary as one JSON object.
        #[arg(long)]
        json: bool,
    },
}

/// `feed import …`
#[derive(Debug, Subcommand)]
pub enum FeedImport {
    /// An OPML subscription list (newsboat, Miniflux, FreshRSS, Feedly…); folders and categories become topics.
    Opml {
        /// The OPML file; `-` reads standard input.
        file: std::path::PathBuf,
    },
    /// newsboat's urls file (default ~/.newsboat/urls, else ~/.config/newsboat/urls); tags become topics.
    Newsboat {
        /// The urls file.
        file: Option<std::path::PathBuf>,
    },
}

/// `feed export …`
#[derive(Debug, Subcommand)]
pub enum FeedExport {
    /// OPML 2.0.
    Opml,
}

/// `inbox`
#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct InboxArgs {
    /// Keep, skip or clear entries; without one, list the inbox.
    #[command(subcommand)]
    pub cmd: Option<InboxCmd>,
    /// At most this many entries, newest first (0 for all).
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub limit: usize,
    #[command(flatten)]
    pub json: JsonFlag,
}

/// `inbox …`
#[derive(Debug, Subcommand)]
pub enum InboxCmd {
    /// Move an entry to the queue, with its topics and kind.
    Keep {
        /// Id, address or title query matching exactly one entry.
        entry: String,
    },
    /// Set an entry aside; it will not come back.
    Skip {
        /// Id, address or title query matching exactly one entry.
        entry: String,
    },
    /// Skip every entry published before a while ago.
    Clear {
        /// How old: 30d, 8w, 6m (months) or a number of days.
        #[arg(long, value_name = "AGE")]
        older_than: String,
    },
}

/// Which untriaged contacts a triage command is about.
#[derive(Debug, Args, Clone, Default)]
pub struct TriageFilter {
    /// Company contains this (case and accents ignored).
    #[arg(long, value_name = "C")]
    pub company: Option<String>,
    /// Role contains this.
    #[arg(long, value_name = "R")]
    pub role: Option<String>,
    /// Connected on or after this day (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub connected_since: Option<String>,
    /// Every word appears in the name, company, role or interests.
    #[arg(long, value_name = "Q")]
    pub query: Option<String>,
}

/// `triage …`
#[derive(Debug, Subcommand)]
pub enum TriageCmd {
    /// Untriaged contacts, most worth a look first, with the reason.
    List {
        #[command(flatten)]
        filter: TriageFilter,
        /// At most this many (default 20; 0 for all).
        #[arg(long, value_name = "N", default_value_t = 20)]
        limit: usize,
        #[command(flatten)]
        json: JsonFlag,
    },
    /// Keep every untriaged contact that matches: they start falling due.
    Keep {
        #[command(flatten)]
        bulk: TriageBulk,
        /// An interest to add to each; repeat for several.
        #[arg(long = "interest", value_name = "X")]
        interests: Vec<String>,
        /// Stay-in-touch cadence in days (default by degree).
        #[arg(long, value_name = "N")]
        cadence: Option<u32>,
    },
    /// Set aside every untriaged contact that matches: kept, never due.
    Dormant {
        #[command(flatten)]
        bulk: TriageBulk,
    },
}

/// What `triage keep` and `triage dormant` act on.
#[derive(Debug, Args)]
pub struct TriageBulk {
    #[command(flatten)]
    pub filter: TriageFilter,
    /// Every untriaged contact (instead of a filter).
    #[arg(long, conflicts_with_all = ["company", "role", "connected_since", "query"])]
    pub all: bool,
    /// Say how many would change, and change nothing.
    #[arg(long)]
    pub dry_run: bool,
}
