//! Where a key press goes: the top popup first, then a pane's search box,
//! then the keymap. Focus, movement and search are here; what a key means
//! in a pane is that pane's module's (`tui/pane/`), reached with one line
//! per action. Drawing only reads.

use super::action::Action;
use super::app::{App, Then};
use super::forms;
use super::pane::{Pane, contacts, history, inbox, interests, queue};
use super::popup::form::{Form, FormOutcome};
use super::popup::palette::{Palette, PaletteOutcome};
use super::popup::{Confirm, FormKind, OnYes, Popup};
use super::view::layout;
use super::work::SaveError;
use super::work::{Done, Work};
use crate::domain::ContactId;
use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

/// Something that happened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// A key press.
    Key(KeyEvent),
    /// Text pasted with bracketed paste: arrives whole.
    Paste(String),
    /// The terminal changed size.
    Resize(u16, u16),
    /// A click or the wheel (with `[ui] mouse = true`).
    Mouse(crossterm::event::MouseEvent),
    /// Time passed: look for changes made by other processes.
    Tick,
}

impl App {
    /// Applies one event.
    pub fn update(&mut self, event: Event) {
        if !matches!(event, Event::Resize(..)) {
            self.started();
        }
        if matches!(event, Event::Key(_) | Event::Paste(_) | Event::Mouse(_))
            && !self.within_contacts(&event)
        {
            self.await_launch();
        }
        match event {
            Event::Key(key) if key.kind != KeyEventKind::Release => self.key(key),
            Event::Key(_) => {}
            Event::Paste(text) => self.paste(&text),
            Event::Mouse(m) => self.mouse(m),
            Event::Resize(w, h) => {
                self.screen.size = (w, h);
                self.scroll_all();
            }
            Event::Tick => {
                self.age_status();
                self.check_outside_changes();
            }
        }
    }

    /// Whether `event` only moves about or searches the Contacts pane:
    /// what a first frame drawn from the history's digest already has all
    /// of (the contacts, their due-ness and ranking, and what they
    /// received), so such a key need not wait for the entries themselves.
    /// Every other key does (see `App::await_launch`).
    fn within_contacts(&self, event: &Event) -> bool {
        let Event::Key(key) = event else {
            return false;
        };
        if self.screen.top().is_some() || self.screen.focus != Pane::Contacts {
            return false;
        }
        if self.screen.contacts.searching {
            return true;
        }
        matches!(
            self.keymap.action(key),
            Some(
                Action::Search
                    | Action::Down
                    | Action::Up
                    | Action::First
                    | Action::Last
                    | Action::PageDown
                    | Action::PageUp
            )
        )
    }

    fn key(&mut self, key: KeyEvent) {
        if key.modifiers.contains(KeyModifiers::CONTROL) && key.code == KeyCode::Char('c') {
            self.quit = true;
            return;
        }
        // See `Status` for how long a message stays.
        if self.status().error {
            self.clear_status();
        }
        let before = (self.mode(), self.screen.focus, self.status_serial());
        self.dispatch(key);
        if before.2 == self.status_serial()
            && (before.0, before.1) != (self.mode(), self.screen.focus)
        {
            self.clear_status();
        }
        self.scroll_all();
    }

    fn dispatch(&mut self, key: KeyEvent) {
        if self.screen.top().is_some() {
            self.popup_key(key);
        } else if self.list(self.screen.focus).searching {
            self.search_key(key);
        } else if let Some(action) = self.keymap.action(&key) {
            self.act(action);
        }
    }

    fn paste(&mut self, text: &str) {
        match self.screen.top_mut() {
            Some(Popup::Form(form)) => form.paste(text),
            Some(Popup::Picker(picker)) => picker.paste(text),
            Some(Popup::Composer(composer)) => composer.paste(text),
            Some(Popup::Palette(palette)) => palette.paste(text),
            Some(_) => {}
            None => {
                if self.list(self.screen.focus).searching {
                    let flat: String = text.chars().filter(|c| !c.is_control()).collect();
                    let list = self.list_mut(self.screen.focus);
                    list.query.push_str(&flat);
                    self.refilter_focused();
                }
            }
        }
    }

    fn popup_key(&mut self, key: KeyEvent) {
        let Some(top) = self.screen.top_mut() else {
            return;
        };
        match top {
            Popup::Picker(_) => self.picker_key(key),
            Popup::Composer(_) => self.composer_key(key),
            Popup::Triage(_) => self.triage_key(key),
            Popup::Help(_) => {
                let action = self.keymap.action(&key);
                let Some(Popup::Help(mut help)) = self.screen.close() else {
                    return;
                };
                if !help.key(&self.dialog_context(), action, key.code) {
                    self.screen.open(Popup::Help(help));
                }
            }
            Popup::Palette(palette) => match palette.key(key) {
                PaletteOutcome::Choosing => {}
                PaletteOutcome::Cancel => {
                    self.screen.close();
                }
                // The palette goes first, so the action meets the screen
                // its key would have met.
                PaletteOutcome::Run(action) => {
                    self.screen.close();
                    self.act(action);
                }
            },
            Popup::Notice(..) | Popup::Dashboard => {
                self.screen.close();
            }
            Popup::Confirm(confirm) => match key.code {
                KeyCode::Char('y') | KeyCode::Char('Y') => {
                    let on_yes = confirm.on_yes.clone();
                    self.screen.close();
                    self.confirmed(on_yes);
                }
                KeyCode::Char('n') | KeyCode::Char('N') | KeyCode::Esc => {
                    self.screen.close();
                }
                _ => {}
            },
            Popup::Form(form) => match form.key(key) {
                FormOutcome::Editing => {}
                FormOutcome::Cancel if form.edited => self.screen.open(Popup::Confirm(Confirm {
                    question: "Discard your changes?".into(),
                    on_yes: OnYes::DiscardForm,
                })),
                FormOutcome::Cancel => {
                    self.screen.close();
                }
                FormOutcome::Save => self.submit(),
            },
        }
    }

    fn submit(&mut self) {
        let Some(Popup::Form(mut form)) = self.screen.close() else {
            return;
        };
        form.clear_errors();
        if let FormKind::TriageKeep(id) = &form.kind {
            let id = id.clone();
            return self.triage_keep(form, id);
        }
        match forms::save(self, &form) {
            Ok(work) => {
                self.info("Saving…");
                self.enqueue(work, Then::Form(form));
            }
            Err(SaveError::Confirm(question)) => {
                self.screen.open(Popup::Form(form));
                self.screen.open(Popup::Confirm(Confirm {
                    question,
                    on_yes: OnYes::ForceAsk,
                }));
            }
            Err(e) => self.form_refused(form, e),
        }
    }

    /// A save that did not happen, checked here or on disk: the form comes
    /// back with the fields marked or the reason shown, as typed.
    pub(super) fn form_refused(&mut self, mut form: Form, e: SaveError) {
        match e {
            SaveError::Fields(errors) => {
                for (label, reason) in errors {
                    form.set_error(label, reason);
                }
                self.error("Not saved: fix the marked fields");
            }
            SaveError::Store(e) => {
                form.message = Some(e.to_string());
                self.error(format!("Not saved: {e}"));
            }
            SaveError::Confirm(question) => {
                form.message = Some(question.clone());
                self.error(format!("Not saved: {question}"));
            }
        }
        self.screen.open(Popup::Form(form));
    }

    pub(super) fn select_id(&mut self, id: &str) {
        if let Some(pos) = self
            .model
            .net
            .contacts
            .iter()
            .position(|c| c.id.as_str() == id)
        {
            if !self.screen.contacts.rows.contains(&pos) {
                self.screen.contacts.query.clear();
                self.screen.interest_filter = None;
                self.rebuild_contacts();
            }
            self.screen.contacts.select_record(Some(pos));
            self.rebuild_for_contact();
        } else if let Some(pos) = self
            .model
            .net
            .items
            .iter()
            .position(|i| i.id.as_str() == id)
        {
            if !self.screen.queue.rows.contains(&pos) {
                self.screen.queue.query.clear();
                self.refilter(Pane::Queue);
            }
            self.screen.queue.select_record(Some(pos));
        }
    }

    fn confirmed(&mut self, on_yes: OnYes) {
        let work = match &on_yes {
            OnYes::DiscardForm => {
                self.screen.close();
                return;
            }
            OnYes::ShareAgain => return self.confirm_share(),
            OnYes::TriageAll { ids, keep } => return self.triage_all(ids.clone(), *keep),
            OnYes::ForceAsk => {
                if let Some(Popup::Form(form)) = self.screen.top_mut() {
                    form.force = true;
                }
                return self.submit();
            }
            OnYes::Merge(keep, gone) => super::merge::merge(keep.clone(), gone.clone()),
            OnYes::DeleteContact(id) => {
                let id = id.clone();
                Work::Modify(Box::new(move |net| {
                    let gone = crate::ops::contact::remove(net, &id)?;
                    Ok(Done {
                        message: format!("Deleted {} (their history stays)", gone.name),
                        select: None,
                        label: crate::ops::label::contact_deleted(&gone),
                    })
                }))
            }
            OnYes::DeleteItem(id) => {
                let id = id.clone();
                Work::Modify(Box::new(move |net| {
                    let gone = crate::ops::queue::remove(net, &id)?;
                    Ok(Done {
                        message: format!("Deleted {}", gone.title),
                        select: None,
                        label: crate::ops::label::item_deleted(&gone),
                    })
                }))
            }
            OnYes::RemoveInterest(id, label) => {
                let (id, label) = (id.clone(), label.clone());
                Work::Modify(Box::new(move |net| {
                    let them = crate::ops::contact::remove_interests(
                        net,
                        &id,
                        std::slice::from_ref(&label),
                    )?;
                    Ok(Done {
                        message: format!("Removed {label} from {}", them.name),
                        select: None,
                        label: crate::ops::label::interests_removed(
                            &them,
                            std::slice::from_ref(&label),
                        ),
                    })
                }))
            }
        };
        self.enqueue(work, Then::Report);
    }

    fn search_key(&mut self, key: KeyEvent) {
        let focus = self.screen.focus;
        match key.code {
            KeyCode::Enter => self.list_mut(focus).searching = false,
            KeyCode::Esc => {
                let list = self.list_mut(focus);
                list.searching = false;
                list.query.clear();
                self.refilter_focused();
            }
            KeyCode::Backspace => {
                let list = self.list_mut(focus);
                if list.query.pop().is_none() {
                    list.searching = false;
                }
                self.refilter_focused();
            }
            KeyCode::Down => self.move_selection(1),
            KeyCode::Up => self.move_selection(-1),
            // Alt+char is how terminals report Esc typed fast before a
            // key; it is not text.
            KeyCode::Char(c)
                if !key
                    .modifiers
                    .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
            {
                let before = self.screen.contacts.current();
                self.list_mut(focus).query.push(c);
                self.refilter(focus);
                // While typing, the best match is the one to act on.
                self.list_mut(focus).selected = 0;
                if focus == Pane::Contacts {
                    self.contact_moved(before);
                }
            }
            _ => {}
        }
    }

    fn refilter_focused(&mut self) {
        let before = self.screen.contacts.current();
        self.refilter(self.screen.focus);
        if self.screen.focus == Pane::Contacts {
            self.contact_moved(before);
        }
    }

    fn move_selection(&mut self, delta: isize) {
        let before = self.screen.contacts.current();
        self.list_mut(self.screen.focus).step(delta);
        self.moved(self.screen.focus, before);
    }

    /// After `pane`'s selection moved: what follows from it (the
    /// Contacts pane was on `before`).
    pub(super) fn moved(&mut self, pane: Pane, before: Option<usize>) {
        if pane == Pane::Contacts {
            self.contact_moved(before);
        }
    }

    /// After the contact selection may have changed: re-rank the queue
    /// for the new person and start their lists at the top.
    fn contact_moved(&mut self, before: Option<usize>) {
        if self.screen.contacts.current() != before {
            self.screen.interests.selected = 0;
            self.screen.queue.selected = 0;
            self.rebuild_for_contact();
            self.screen.queue.selected = 0;
        }
    }

    fn page(&self) -> isize {
        layout::list_height(self.screen.size, self.screen.focus).max(1) as isize
    }

    /// Keeps every pane's selection visible after a change.
    pub(super) fn scroll_all(&mut self) {
        for pane in Pane::ALL {
            let height = layout::list_height(self.screen.size, pane);
            self.list_mut(pane).scroll_into_view(height);
        }
    }

    /// Performs a keymap action.
    pub fn act(&mut self, action: Action) {
        match action {
            Action::Quit => self.quit = true,
            Action::NextPane => self.screen.focus = self.in_slot(self.screen.focus.next()),
            Action::PrevPane => self.screen.focus = self.in_slot(self.screen.focus.prev()),
            Action::FocusContacts => self.screen.focus = Pane::Contacts,
            Action::FocusInterests => self.screen.focus = Pane::Interests,
            Action::FocusQueue => self.screen.focus = self.in_slot(Pane::Queue),
            Action::FocusHistory => self.screen.focus = Pane::History,
            Action::Down => self.move_selection(1),
            Action::Up => self.move_selection(-1),
            Action::First => self.move_selection(isize::MIN / 2),
            Action::Last => self.move_selection(isize::MAX / 2),
            Action::PageDown => self.move_selection(self.page()),
            Action::PageUp => self.move_selection(-self.page()),
            Action::Search => {
                self.list_mut(self.screen.focus).searching = true;
                self.prepare_index(self.screen.focus);
                self.info("Type to search; Enter keeps the filter, Esc clears it");
            }
            Action::Select => self.select(),
            Action::Clear => self.clear(),
            Action::Add => self.add(),
            Action::Edit => self.edit(),
            Action::Delete => self.delete(),
            Action::Log => self.open_log(),
            Action::Sort => contacts::sort(self),
            Action::AllInterests => interests::toggle_all(self),
            Action::Help => self.screen.open(Popup::Help(Default::default())),
            Action::Palette => {
                let palette = Palette::new(&self.dialog_context());
                self.screen.open(Popup::Palette(Box::new(palette)));
            }
            Action::Share => self.open_share(),
            Action::Copy => self.copy_selected(),
            Action::Triage => self.open_triage(),
            Action::Merge => self.open_merge(),
            Action::Intro => self.open_intro(),
            Action::Moments => self.open_moments(),
            Action::Dashboard => self.screen.open(Popup::Dashboard),
            Action::Archive => self.archive_selected(),
            Action::ShowHidden => self.toggle_hidden(),
            Action::Inbox => self.toggle_inbox(),
            Action::Refresh => self.refresh_feeds(),
            Action::Keep | Action::Skip if self.screen.focus != Pane::Inbox => {
                let inbox = self.keymap.first_key(Action::Inbox);
                self.error(format!("Keep and skip work in the Inbox: press {inbox}"))
            }
            Action::Keep => self.keep_entry(false),
            Action::Skip => self.skip_entry(),
            Action::Undo => self.undo(false),
            Action::Redo => self.undo(true),
        }
    }

    // What Enter, Esc, a, e and d mean in the focused pane is the pane
    // module's to say (`tui/pane/`).

    fn select(&mut self) {
        match self.screen.focus {
            Pane::Contacts => contacts::select(self),
            Pane::Interests => interests::select(self),
            Pane::Inbox => inbox::select(self),
            Pane::Queue | Pane::History => {}
        }
    }

    fn clear(&mut self) {
        if !self.list(self.screen.focus).query.is_empty() {
            self.list_mut(self.screen.focus).query.clear();
            self.refilter_focused();
        } else if self.screen.interest_filter.is_some() {
            self.screen.interest_filter = None;
            self.rebuild_contacts();
            self.rebuild_for_contact();
            self.info("Interest filter removed");
        } else if self.screen.focus == Pane::Interests {
            interests::clear(self);
        }
    }

    fn add(&mut self) {
        match self.screen.focus {
            Pane::Contacts => contacts::add(self),
            Pane::Interests => interests::add(self),
            Pane::Queue => queue::add(self),
            Pane::History => history::add(self),
            Pane::Inbox => inbox::add(self),
        }
    }

    fn edit(&mut self) {
        match self.screen.focus {
            Pane::Contacts => contacts::edit(self),
            Pane::Interests => interests::edit(self),
            Pane::Queue => queue::edit(self),
            Pane::History => history::edit(self),
            Pane::Inbox => inbox::edit(self),
        }
    }

    fn delete(&mut self) {
        match self.screen.focus {
            Pane::Contacts => contacts::delete(self),
            Pane::Interests => interests::delete(self),
            Pane::Queue => queue::delete(self),
            Pane::History => history::delete(self),
            Pane::Inbox => inbox::delete(self),
        }
    }

    /// The question a pane's delete asks, or a note that nothing is
    /// selected.
    pub(super) fn ask_to_delete(&mut self, confirm: Option<Confirm>) {
        match confirm {
            Some(c) => self.screen.open(Popup::Confirm(c)),
            None => self.error("Nothing selected to delete"),
        }
    }

    /// The selected contact's id and name, or a note on the status line
    /// that there is none.
    pub(super) fn contact_or_complain(&mut self) -> Option<(ContactId, String)> {
        let picked = self
            .selected_contact()
            .map(|c| (c.id.clone(), c.name.clone()));
        if picked.is_none() {
            self.error("Select a contact first (press 1, then a to add one)");
        }
        picked
    }

    /// `l`: the form that logs a touch or ask with the selected contact,
    /// from any pane.
    pub(super) fn open_log(&mut self) {
        let Some((id, name)) = self.contact_or_complain() else {
            return;
        };
        self.screen.open(Popup::Form(Form::new(
            format!("Log a touch or ask with {name}"),
            FormKind::Log(id),
            forms::log_fields(),
        )));
    }

    /// Reloads when another process changed the data files.
    ///
    /// Not while a dialog is open: pickers and the composer point at
    /// records by position, and a reload re-sorts them, so a share could
    /// otherwise land on the wrong person. Every save re-reads the files
    /// under the lock anyway, so waiting loses nothing; the reload happens
    /// on the first tick after the dialog closes. While a file does not
    /// parse, the fix is looked for under a form or a question too (they
    /// name records by id), so a save refused meanwhile can go through.
    pub fn check_outside_changes(&mut self) {
        if self.screen.top().is_some() && (self.broken.is_none() || self.holds_positions()) {
            return;
        }
        // The event loop ticks only when the worker is idle; a save or
        // reload in flight reads what others saved anyway.
        if self.busy() {
            return;
        }
        let now = self.store().glance();
        if now == self.seen {
            return;
        }
        // Not again for the same change, even if reading it fails: the
        // error stays on the status line with the last good data on screen.
        self.seen = now;
        self.enqueue(Work::Reload, Then::Outside);
    }
}
