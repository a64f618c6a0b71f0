// Status badges carry the days on which their wording changes: data-atlas-lifecycle is
// [[day, level, label], ...], written by the generator from each option's dated lifecycle
// events (generator/core/lifecycle.py computes the states). On the day a page is read, a badge
// shows the last change that has happened, so a page built weeks ago does not call an ended
// option "retiring". The page states the dates; this only adjusts the words.

// Today in the reader's time zone, as YYYY-MM-DD (the form the generator writes).
export function isoToday(now = new Date()) {
  const pad = (n) => String(n).padStart(2, "0");
  return now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate());
}

// The last [day, level, label] whose day has come, or null when the build's words still hold.
export function currentChange(changes, today) {
  let current = null;
  for (const change of changes) if (change[0] <= today) current = change;
  return current;
}

export function refineBadges(root = document, today = isoToday()) {
  root.querySelectorAll("[data-atlas-lifecycle]").forEach((badge) => {
    let changes;
    try { changes = JSON.parse(badge.getAttribute("data-atlas-lifecycle")); } catch (e) { return; }
    const change = currentChange(changes, today);
    if (!change) return;
    badge.className = badge.className.replace(/atlas-status--[a-z]+/, "atlas-status--" + change[1]);
    badge.textContent = change[2];
    badge.title = "As of " + today + "; this page was built before " + change[0];
  });
}

// The same for the statuses a script shows from JSON (the designer's options): each status with
// `later` changes takes the level and label of the last change that has happened by today.
export function refineStatuses(statuses, today = isoToday()) {
  for (const status of statuses) {
    const change = currentChange(status.later || [], today);
    if (change) [status.level, status.label] = [change[1], change[2]];
  }
}
