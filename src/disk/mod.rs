//! Files on disk, written and read safely, for every part of netwerk that
//! touches them (the store, exports, the clipboard's note file, the
//! editor's scratch file): durable atomic writes and private permissions,
//! recognisable temp files, and which paths may be read or written at all.

pub mod atomic;
pub mod error;
pub mod safe_path;
pub mod temp;
