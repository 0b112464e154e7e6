//! The times the app writes and shows: ISO stamps in drafts, local times on screen and in file
//! names.

/// Current time as ISO 8601 (for `updated_at`).
pub fn now_iso() -> String {
    String::from(js_sys::Date::new_0().to_iso_string())
}

/// `2024-01-05T08:00:00.000Z` → `2024-01-05 16:00` in local time (unchanged if not a time).
pub fn local_time(iso: &str) -> String {
    let date = js_sys::Date::new(&iso.into());
    if date.get_time().is_nan() {
        return iso.to_owned();
    }
    local_time_of(&date)
}

/// Milliseconds since 1970 (as storage keys hold them) in local time: `2024-01-05 16:00`.
pub fn local_time_ms(ms: u64) -> String {
    local_time_of(&js_sys::Date::new(&(ms as f64).into()))
}

/// As `local_time_ms`, to the second (versions kept a minute apart are told apart).
pub fn local_time_seconds_ms(ms: u64) -> String {
    let date = js_sys::Date::new(&(ms as f64).into());
    format!("{}:{:02}", local_time_of(&date), date.get_seconds())
}

fn local_time_of(date: &js_sys::Date) -> String {
    format!(
        "{}-{:02}-{:02} {:02}:{:02}",
        date.get_full_year(),
        date.get_month() + 1,
        date.get_date(),
        date.get_hours(),
        date.get_minutes()
    )
}

/// The local clock time now: `16:05:09`.
pub fn local_clock_time() -> String {
    let now = js_sys::Date::new_0();
    format!("{:02}:{:02}:{:02}", now.get_hours(), now.get_minutes(), now.get_seconds())
}

/// The local date today: `2024-01-05`.
pub fn local_date() -> String {
    let now = js_sys::Date::new_0();
    format!("{}-{:02}-{:02}", now.get_full_year(), now.get_month() + 1, now.get_date())
}

/// The local date today as a 公文 writes it: `2024年1月5日`.
pub fn chinese_date() -> String {
    let now = js_sys::Date::new_0();
    format!("{}年{}月{}日", now.get_full_year(), now.get_month() + 1, now.get_date())
}

/// The local time now for a file name: `20240105-1605`.
pub fn file_stamp() -> String {
    let now = js_sys::Date::new_0();
    format!(
        "{}{:02}{:02}-{:02}{:02}",
        now.get_full_year(),
        now.get_month() + 1,
        now.get_date(),
        now.get_hours(),
        now.get_minutes()
    )
}
