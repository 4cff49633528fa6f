//! What the screen derives from the network, worked out off the screen's
//! thread: due-ness, ranking, header and dashboard figures, the History
//! order.

use crate::config::Cadences;
pub use crate::domain::history::newest_first;
use crate::domain::network::Summaries;
use crate::domain::stats::HistoryFigures;
use crate::domain::{Entry, Groundwork, Insight, Network, Stats};
use chrono::{DateTime, FixedOffset};

/// Due-ness, ranking and figures for one version of the network.
pub struct Derived {
    /// Due-ness and ranking.
    pub insight: Insight,
    /// Header and dashboard figures.
    pub stats: Stats,
    /// History positions, newest first.
    pub history_order: Vec<usize>,
}

impl Derived {
    /// Works everything out for `net` (tens of milliseconds at scale).
    pub fn of(net: &Network, cadences: &Cadences, now: DateTime<FixedOffset>) -> Self {
        Self::derive(net, cadences, now, None)
    }

    /// Works everything out like [`Derived::of`], with the groundwork for
    /// `net`'s contacts and items and the summaries of its history
    /// already done (see
    /// [`crate::store::Store::load_summarised`]).
    pub fn with(
        net: &Network,
        cadences: &Cadences,
        now: DateTime<FixedOffset>,
        groundwork: Groundwork,
        summaries: Summaries,
    ) -> Self {
        Self::derive(net, cadences, now, Some((groundwork, Some(summaries))))
    }

    fn derive(
        net: &Network,
        cadences: &Cadences,
        now: DateTime<FixedOffset>,
        prepared: Option<(Groundwork, Option<Summaries>)>,
    ) -> Self {
        // The History order and the history's own figures need no
        // due-ness: worked out on a second thread beside it.
        let (insight, (history_order, figures)) =
            Insight::derive(net, cadences, now, prepared, |matcher| {
                (
                    history_order(&net.history),
                    HistoryFigures::new(net, now, matcher, TOP),
                )
            });
        let stats = Stats::with(net, &insight, TOP, figures);
        Self {
            insight,
            stats,
            history_order,
        }
    }
}

/// How many contacts and topics the dashboard's top lists show.
const TOP: usize = 5;

/// The History pane's order: positions in `history`, newest first.
fn history_order(history: &[Entry]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..history.len()).collect();
    order.sort_unstable_by(|&a, &b| newest_first(history, a, b));
    order
}

/// The header and dashboard figures and the History order for `net`,
/// whose due-ness and ranking are `insight`'s, on two threads.
pub(super) fn launch_figures(net: &Network, insight: &Insight) -> (Stats, Vec<usize>) {
    std::thread::scope(|s| {
        let order = s.spawn(|| history_order(&net.history));
        let stats = Stats::compute(net, insight, TOP);
        // A panic there is a bug; surface it as one.
        let order = order
            .join()
            .unwrap_or_else(|p| std::panic::resume_unwind(p));
        (stats, order)
    })
}
