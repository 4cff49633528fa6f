//! The `X-NETWERK-` properties that carry netwerk's own fields in a card:
//! the reader looks for them and the writer puts them in.

/// netwerk's own property for the date a connection was made, which vCard
/// has no standard property for; other programs ignore `X-` properties.
pub(super) const CONNECTED: &str = "X-NETWERK-CONNECTED";
/// netwerk's other fields, in a vdir's cards (see
/// [`NetwerkFields`](crate::import::NetwerkFields)).
pub(super) const DEGREE: &str = "X-NETWERK-DEGREE";
pub(super) const CADENCE: &str = "X-NETWERK-CADENCE";
pub(super) const MET: &str = "X-NETWERK-MET";
pub(super) const STATE: &str = "X-NETWERK-STATE";
pub(super) const ADDED: &str = "X-NETWERK-ADDED";
pub(super) const MERGED: &str = "X-NETWERK-MERGED";
