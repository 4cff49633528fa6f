//! A vdir — one vCard file per contact in a directory — the layout
//! vdirsyncer and pimsync keep in step with a CardDAV server (Nextcloud,
//! Radicale, iCloud). `export vdir` writes a card per contact and
//! rewrites only the cards whose contact changed, so a sync tool sees
//! nothing to do after an unchanged export; `import vdir` reads the cards
//! back, merging by UID (see [`super::merge::vdir`]).

use super::backup::vdir_record;
use super::records::{ImportedContact, ParseError, Parsed};
use super::vcard;
use crate::disk::atomic;
use crate::domain::{Contact, id};
use rustc_hash::FxHashMap;
use std::path::{Path, PathBuf};

/// What an export did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Exported {
    /// Cards written for contacts that had none.
    pub added: usize,
    /// Cards rewritten because their contact changed.
    pub updated: usize,
    /// Cards left as they were.
    pub unchanged: usize,
    /// Cards of contacts no longer there, removed.
    pub removed: usize,
    /// Files left alone, and why.
    pub left: Vec<String>,
}

/// Why a vdir could not be read or written.
#[derive(Debug, thiserror::Error)]
pub enum VdirError {
    /// The file system refused.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file or directory.
        path: PathBuf,
        /// What went wrong.
        source: std::io::Error,
    },
    /// A card does not parse; nothing was imported.
    #[error("{}:{line}: {message}", path.display())]
    Parse {
        /// The file.
        path: PathBuf,
        /// Its line.
        line: usize,
        /// What is wrong.
        message: String,
    },
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> VdirError + '_ {
    move |source| VdirError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// One `.vcf` file found in the directory.
struct Found {
    path: PathBuf,
    bytes: Vec<u8>,
    /// Its cards, if they read.
    cards: Result<Parsed<ImportedContact>, ParseError>,
}

impl Found {
    /// Its first card (a vdir holds one per file), if it reads.
    fn card(&self) -> Option<&ImportedContact> {
        self.cards.as_ref().ok()?.records.first()
    }
}

/// The `.vcf` files directly in `dir`, by name.
fn vcf_files(dir: &Path) -> Result<Vec<PathBuf>, VdirError> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(io(dir))?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "vcf") && p.is_file())
        .collect();
    files.sort();
    Ok(files)
}

/// Reads every card file in `dir`.
fn found(dir: &Path) -> Result<Vec<Found>, VdirError> {
    vcf_files(dir)?
        .into_iter()
        .map(|path| {
            let bytes = std::fs::read(&path).map_err(io(&path))?;
            let cards = vcard::parse(&bytes);
            Ok(Found { path, bytes, cards })
        })
        .collect()
}

/// The card as a comparison sees it: what an import takes from it.
fn as_imported(mut card: ImportedContact) -> ImportedContact {
    card.line = 0;
    card.emails.truncate(1);
    card.uid = card.uid.as_deref().map(id::from_uid);
    card
}

/// Writes a card per contact into `dir` (created owner-only if missing):
/// a contact's card is the file whose UID names it, else `<id>.vcf`. A
/// card already saying what the contact holds is not touched (its bytes
/// and time stay); a changed one is rewritten keeping what netwerk does
/// not hold (a phone number, an address, another e-mail, a photo); the
/// card of a contact no longer there is removed — only a card netwerk
/// wrote (`X-NETWERK-ADDED`), never another program's.
pub fn export(dir: &Path, contacts: &[Contact]) -> Result<Exported, VdirError> {
    atomic::ensure_private_dir(dir).map_err(io(dir))?;
    let files = found(dir)?;
    let mut out = Exported::default();
    // Contact id → its card's file, the first by name.
    let mut by_id: FxHashMap<String, usize> = FxHashMap::default();
    for (i, f) in files.iter().enumerate() {
        if let Some(uid) = f.card().and_then(|c| c.uid.as_ref()) {
            by_id.entry(id::from_uid(uid)).or_insert(i);
        }
    }
    let names: FxHashMap<&Path, usize> = files
        .iter()
        .enumerate()
        .map(|(i, f)| (f.path.as_path(), i))
        .collect();
    // Written together at the end: one flush to disk for them all.
    let mut pending: Vec<(String, Vec<u8>)> = Vec::new();
    for contact in contacts {
        let mut record = vdir_record(contact);
        let (path, kept) = match by_id.get(contact.id.as_str()).map(|&i| &files[i]) {
            Some(f) => {
                let Some(card) = f.card() else { continue };
                if as_imported(card.clone()) == as_imported(record.clone()) {
                    out.unchanged += 1;
                    continue;
                }
                // A server may refuse a card whose UID changed: kept as written.
                record.uid.clone_from(&card.uid);
                out.updated += 1;
                (
                    f.path.clone(),
                    vcard::foreign_lines(&f.bytes, contact.email.as_deref()),
                )
            }
            None => {
                let path = dir.join(format!("{}.vcf", contact.id));
                if let Some(&i) = names.get(path.as_path()) {
                    // Someone else's file by that name: never overwritten.
                    let why = match &files[i].cards {
                        Err(e) => format!("line {}: {}", e.line, e.message),
                        Ok(_) => "its UID names another contact".into(),
                    };
                    out.left
                        .push(format!("{}: {why}; left alone", path.display()));
                    continue;
                }
                out.added += 1;
                (path, Vec::new())
            }
        };
        let mut text = String::new();
        vcard::write_card(&mut text, &record, &kept);
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
        pending.push((name.unwrap_or_default(), text.into_bytes()));
    }
    atomic::write_all_atomic(dir, &pending).map_err(io(dir))?;
    let present: rustc_hash::FxHashSet<&str> = contacts.iter().map(|c| c.id.as_str()).collect();
    for f in &files {
        let Some(card) = f.card() else { continue };
        let ours = card.netwerk.added.is_some();
        let gone = card
            .uid
            .as_deref()
            .is_some_and(|uid| !present.contains(id::from_uid(uid).as_str()));
        if ours && gone {
            std::fs::remove_file(&f.path).map_err(io(&f.path))?;
            out.removed += 1;
        }
    }
    if out.removed > 0 {
        atomic::sync_dir(dir).map_err(io(dir))?;
    }
    Ok(out)
}

/// Reads every card file in `dir` (`.vcf`, by name), all or nothing: a
/// card that does not parse is an error naming its file and line. Each
/// record's `line` is its file's place in the returned names (1-based),
/// so a report can name the file.
pub fn read(dir: &Path) -> Result<(Parsed<ImportedContact>, Vec<String>), VdirError> {
    let mut parsed = Parsed::default();
    let mut names = Vec::new();
    for f in found(dir)? {
        let cards = f.cards.map_err(|e| VdirError::Parse {
            path: f.path.clone(),
            line: e.line,
            message: e.message,
        })?;
        names.push(
            f.path
                .file_name()
                .map_or_else(String::new, |n| n.to_string_lossy().into_owned()),
        );
        let place = names.len();
        for mut record in cards.records {
            record.line = place;
            parsed.records.push(record);
        }
        for s in cards.skipped {
            parsed.skip(place, s.reason);
        }
        for r in cards.remarks {
            parsed.remark(place, r.reason);
        }
    }
    Ok((parsed, names))
}
