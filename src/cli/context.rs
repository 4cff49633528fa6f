//! What every command needs: the store, the config and the clock.

use super::failure::Failure;
use crate::clock::Clock;
use crate::config::{Config, config_path};
use crate::store::{Store, paths};
use std::path::Path;

/// The resolved environment of one command.
pub struct Ctx {
    /// The data directory.
    pub store: Store,
    /// The config (defaults when the file is absent).
    pub config: Config,
    /// Now.
    pub clock: Clock,
}

impl Ctx {
    /// Resolves data dir, config and clock from flags and environment.
    pub fn new(data: Option<&Path>, config: Option<&Path>) -> Result<Self, Failure> {
        let clock = Clock::from_env().map_err(Failure::new)?;
        let config = match config_path(config) {
            Some(path) => Config::load(&path)?,
            None => Config::default(),
        };
        let dir = paths::data_dir(data).map_err(Failure::new)?;
        let store = Store::open(&dir)?;
        Ok(Self {
            store,
            config,
            clock,
        })
    }
}
