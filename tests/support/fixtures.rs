//! The files under `tests/fixtures/`, as paths to hand a command.

use std::path::Path;

/// `tests/fixtures/import/NAME`: an export from another tool.
pub fn import(name: &str) -> String {
    under("import", name)
}

/// `tests/fixtures/feeds/NAME`: a feed or subscription list.
pub fn feed(name: &str) -> String {
    under("feeds", name)
}

fn under(folder: &str, name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(folder)
        .join(name)
        .display()
        .to_string()
}
