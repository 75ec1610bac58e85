// govlint's HTML report: filters and jumps. Works without a server and
// without network; nothing here runs on load but the wiring (and, when the
// address ends in #selftest, a check of the page that the tests read).
"use strict";
(function () {
  const form = document.getElementById("filters");
  const items = Array.from(document.querySelectorAll("li.finding"));
  const marks = Array.from(document.querySelectorAll("mark[data-findings]"));

  function checked(name) {
    return new Set(Array.from(form.querySelectorAll(`input[name=${name}]:checked`)).map((i) => i.value));
  }

  // The id of a finding's anchor, from its link.
  function target(item) {
    return item.querySelector("a.jump").getAttribute("href").slice(1);
  }

  function applyFilters() {
    const severities = checked("severity");
    const principles = checked("principle");
    const shown = new Set();
    for (const item of items) {
      const tags = item.dataset.principles.split(" ");
      const visible = severities.has(item.dataset.severity) && tags.some((t) => principles.has(t));
      item.hidden = !visible;
      if (visible) shown.add(target(item));
    }
    // A highlight stays while any finding it marks is shown.
    for (const mark of marks) {
      const ids = mark.dataset.findings.split(" ").map((i) => `at-${mark.dataset.file}-${i}`);
      mark.classList.toggle("hidden", !ids.some((id) => shown.has(id)));
    }
  }

  // Following a link moves the keyboard focus to the words too.
  function jump(event) {
    const link = event.target.closest("a.jump");
    if (!link) return;
    const anchor = document.getElementById(link.getAttribute("href").slice(1));
    if (!anchor) return;
    for (const m of document.querySelectorAll("mark.current")) m.classList.remove("current");
    const mark = anchor.nextElementSibling;
    if (mark && mark.tagName === "MARK") mark.classList.add("current");
    anchor.closest("details")?.setAttribute("open", "");
    anchor.focus({ preventScroll: true });
    (mark || anchor).scrollIntoView({ block: "center" });
  }

  form.addEventListener("change", applyFilters);
  document.addEventListener("click", jump);

  // The page checks itself: every link leads to its highlighted words,
  // and the filters hide and show what they say. The result goes in
  // <output id="selftest"> for a headless browser to read.
  function selftest() {
    const problems = [];
    let jumps = 0;
    for (const item of items) {
      const link = item.querySelector("a.jump");
      link.click();
      const id = target(item);
      const anchor = document.getElementById(id);
      if (!anchor) { problems.push(`${id}: no anchor`); continue; }
      if (document.activeElement !== anchor) problems.push(`${id}: focus not moved`);
      const mark = anchor.nextElementSibling;
      const index = id.split("-").pop();
      if (mark && mark.tagName === "MARK") {
        if (!mark.dataset.findings.split(" ").includes(index)) problems.push(`${id}: wrong highlight`);
        const box = mark.getBoundingClientRect();
        if (box.bottom < 0 || box.top > window.innerHeight) problems.push(`${id}: highlight not in view`);
      }
      jumps += 1;
    }
    const boxes = Array.from(form.querySelectorAll("input"));
    for (const box of boxes) {
      box.checked = false;
      box.dispatchEvent(new Event("change", { bubbles: true }));
      for (const item of items) {
        const tags = item.dataset.principles.split(" ");
        const mine = box.name === "severity" ? item.dataset.severity === box.value : tags.includes(box.value);
        const alsoShown = box.name === "principle" && tags.some((t) => t !== box.value);
        if (mine && !alsoShown && !item.hidden) problems.push(`${box.value} off: ${target(item)} still shown`);
        if (!mine && item.hidden) problems.push(`${box.value} off: ${target(item)} hidden`);
      }
      box.checked = true;
      box.dispatchEvent(new Event("change", { bubbles: true }));
    }
    if (items.some((i) => i.hidden)) problems.push("filters back on: some findings still hidden");
    const out = document.getElementById("selftest");
    out.textContent = problems.length
      ? `FAIL ${problems.join("; ")}`
      : `PASS ${jumps} jumps, ${boxes.length} filters`;
  }

  applyFilters();
  if (location.hash === "#selftest") selftest();
})();
