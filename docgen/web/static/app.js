// Draft editor: autosave (debounced), live findings, conflict detection. No framework, no build step.
"use strict";

(function () {
  const upload = document.getElementById("upload-file");
  if (upload) {
    upload.addEventListener("change", () => {
      document.getElementById("upload-name").textContent = upload.files.length ? upload.files[0].name : "Chưa chọn tệp nào.";
    });
  }
})();

(function () {
  const form = document.getElementById("draft-form");
  if (!form) return;
  const status = document.getElementById("save-status");
  const conflictBox = document.getElementById("conflict");
  const baseVersion = document.getElementById("base-version");
  const saveId = document.getElementById("save-id");
  const pageTitle = document.title;
  const list = document.getElementById("findings");
  const summary = document.getElementById("findings-summary");
  const csrf = form.dataset.csrf;
  const DELAY = 800;
  let timer = null;
  let dirty = false;
  let saving = null;
  let conflicted = false;
  // A save keeps its id until the server has answered it: a save sent again after a lost reply carries
  // the same id, and the server acknowledges it with the version it made instead of a conflict.
  let pendingId = "";
  let resent = false;

  function newSaveId() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    return Date.now().toString(36) + "-" + Math.random().toString(36).slice(2) + Math.random().toString(36).slice(2);
  }

  function autosize(area) {
    area.style.height = "auto";
    area.style.height = (area.scrollHeight + 2) + "px";
  }

  // The tab's title tells the state too, so a secretary with several tabs sees which one did not save.
  const TITLE_MARKS = { busy: "… ", error: "⚠ Chưa lưu · " };

  function setStatus(text, kind) {
    status.textContent = text;
    status.className = "save-status " + (kind || "");
    document.title = (conflicted ? "⚠ Không lưu được · " : TITLE_MARKS[kind] || "") + pageTitle;
  }

  // Where the secretary is typing: a notice right under the field, so she need not scroll up to learn
  // that this tab no longer saves.
  function warnWhereTyping(message) {
    const field = document.activeElement;
    if (!field || !form.contains(field) || !/^(TEXTAREA|INPUT)$/.test(field.tagName)) return;
    let notice = document.getElementById("typing-notice");
    if (!notice) {
      notice = document.createElement("p");
      notice.id = "typing-notice";
      notice.className = "typing-notice";
      notice.setAttribute("role", "alert");
    }
    notice.textContent = message;
    const holder = field.closest("td") ? field.closest("table").parentElement : field;
    holder.insertAdjacentElement("afterend", notice);
  }

  function renderFindings(findings) {
    list.replaceChildren();
    document.querySelectorAll(".has-finding").forEach((el) => el.classList.remove("has-finding"));
    const counts = { error: 0, warning: 0, info: 0 };
    for (const f of findings) {
      counts[f.severity] = (counts[f.severity] || 0) + 1;
      const item = document.createElement("li");
      item.className = "sev-" + f.severity;
      const sev = document.createElement("span");
      sev.className = "sev";
      sev.textContent = f.label;
      item.append(sev, " ");
      const text = (f.section ? "[" + f.section + "] " : "") + f.message;
      if (f.field && document.getElementById(f.field)) {
        const link = document.createElement("a");
        link.href = "#" + f.field;
        link.textContent = text;
        link.dataset.field = f.field;
        item.append(link);
        const box = document.getElementById(f.field + "-box");
        if (box && f.severity === "error") box.classList.add("has-finding");
      } else {
        item.append(text);
      }
      const code = document.createElement("code");
      code.textContent = "(" + f.code + ")";
      item.append(" ", code);
      list.append(item);
    }
    if (findings.length === 0) {
      summary.textContent = "Không còn lỗi hay cảnh báo nào. Văn bản đã sẵn sàng để tải về.";
      summary.className = "findings-summary clean";
    } else {
      summary.textContent = counts.error + " lỗi, " + counts.warning + " cảnh báo, " + counts.info + " lưu ý.";
      summary.className = "findings-summary" + (counts.error ? " has-errors" : "");
    }
  }

  function showConflict(message) {
    conflicted = true;
    clearTimeout(timer);
    const reload = document.createElement("button");
    reload.type = "button";
    reload.textContent = "Tải lại trang";
    reload.addEventListener("click", () => window.location.reload());
    conflictBox.replaceChildren(message, reload);
    conflictBox.hidden = false;
    pendingId = "";
    setStatus("Chưa lưu: bản nháp đã bị sửa ở nơi khác.", "error");
    warnWhereTyping(CANNOT_SAVE);
  }

  const CANNOT_SAVE = "Thẻ này không lưu được nữa: bản nháp đã được sửa ở nơi khác. Những gì gõ thêm ở đây sẽ không được lưu — "
    + "hãy sao chép phần đang viết, tải lại trang rồi dán lại.";

  async function save() {
    clearTimeout(timer);
    if (conflicted) return false;
    if (saving) { await saving; if (!dirty) return true; }
    dirty = false;
    setStatus("Đang lưu…", "busy");
    saving = send();
    const ok = await saving;
    saving = null;
    return ok;
  }

  async function send() {
    if (!pendingId) pendingId = newSaveId();
    saveId.value = pendingId;
    let response;
    try {
      response = await fetch(form.action, {
        method: "POST", body: new FormData(form), credentials: "same-origin",
        headers: { "Accept": "application/json", "X-CSRF-Token": csrf },
      });
    } catch (err) {
      dirty = true;
      resent = true;
      setStatus("Chưa lưu được (mất kết nối tới máy chủ?). Sẽ thử lại sau ít giây…", "error");
      timer = setTimeout(save, 5000);
      return false;
    }
    const data = await response.json().catch(() => ({ error: "Máy chủ trả lời không đúng dạng." }));
    if (response.status === 409) { showConflict(data.error); return false; }
    if (!response.ok) {
      dirty = true;
      setStatus("Chưa lưu được: " + (data.error || response.status), "error");
      if (response.status === 400) warnWhereTyping("Thẻ này chưa lưu được: " + (data.error || "yêu cầu bị từ chối."));
      return false;
    }
    pendingId = "";
    baseVersion.value = data.version;
    if (resent) {  // the answer may be for what was sent before the connection broke: send what is typed now too
      resent = false;
      dirty = true;
      timer = setTimeout(save, 0);
    }
    document.getElementById("draft-title").textContent = data.title;
    setStatus("Đã lưu phiên bản " + data.version + " lúc " + data.saved + ".", "ok");
    compactRows();
    renderFindings(data.findings);
    return true;
  }

  function changed() {
    if (conflicted) return;
    dirty = true;
    setStatus("Đang soạn… (sẽ tự lưu)", "busy");
    clearTimeout(timer);
    timer = setTimeout(save, DELAY);
  }

  form.addEventListener("input", (event) => {
    if (event.target.tagName === "TEXTAREA") autosize(event.target);
    if (conflicted) warnWhereTyping(CANNOT_SAVE);
    changed();
  });
  form.addEventListener("submit", (event) => { event.preventDefault(); save(); });
  form.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && event.target.closest("table[data-one-line]")) event.preventDefault();
  });
  form.querySelectorAll("textarea").forEach(autosize);

  document.querySelectorAll(".chip").forEach((chip) => chip.addEventListener("click", () => {
    const area = document.getElementById(chip.dataset.target);
    const lines = area.value.split("\n").filter((l) => l.trim() !== "");
    if (!lines.includes(chip.dataset.line)) lines.push(chip.dataset.line);
    area.value = lines.join("\n");
    area.dispatchEvent(new Event("input", { bubbles: true }));
  }));

  // Editable tables: cells named <data-cells><row>.<column>, the column being the heading's data-col
  // (indicators: "id", "name", …) or its position (section tables). A table with data-row-id gives each row
  // an id ("f-indicators-0-box") and its first cell one ("f-indicators-0"), so findings link to the row.
  // A table marked data-one-line has one-line textareas (long names wrap) in which Enter adds no line.
  function rowInputs(table, row, r) {
    const heads = Array.from(table.tHead.rows[0].cells);
    heads.forEach((th, c) => {
      const input = row.cells[c].querySelector("input, textarea");
      const col = th.dataset.col || String(c);
      input.name = table.dataset.cells + r + "." + col;
      input.setAttribute("aria-label", "Dòng " + (r + 1) + ", " + (th.dataset.col ? th.textContent.trim() : "cột " + (c + 1)));
      if (table.dataset.rowId && c === 0) input.id = table.dataset.rowId + r;
    });
    if (table.dataset.rowId) row.id = table.dataset.rowId + r + "-box";
  }

  document.querySelectorAll(".add-row").forEach((button) => button.addEventListener("click", () => {
    const table = form.querySelector('table[data-key="' + button.dataset.key + '"]');
    const body = table.tBodies[0];
    const row = body.insertRow();
    for (let c = 0; c < table.tHead.rows[0].cells.length; c++) {
      const cell = document.createElement(table.hasAttribute("data-one-line") ? "textarea" : "input");
      if (cell.tagName === "TEXTAREA") { cell.rows = 1; cell.spellcheck = false; }
      row.insertCell().append(cell);
    }
    rowInputs(table, row, body.rows.length - 1);
    row.cells[0].firstChild.focus();
  }));

  // After a save, the rows the server dropped (all cells empty) leave the indicators table too and the
  // others are renumbered, so row N of the page is item N of the stored list that findings point at.
  // A row being typed in stays.
  function compactRows() {
    form.querySelectorAll("table[data-row-id]").forEach((table) => {
      Array.from(table.tBodies[0].rows).forEach((row) => {
        const empty = Array.from(row.querySelectorAll("input, textarea")).every((input) => input.value.trim() === "");
        if (empty && !row.contains(document.activeElement)) row.remove();
      });
      Array.from(table.tBodies[0].rows).forEach((row, r) => rowInputs(table, row, r));
    });
  }

  list.addEventListener("click", (event) => {
    const link = event.target.closest("a[data-field]");
    if (!link) return;
    event.preventDefault();
    const target = document.getElementById(link.dataset.field);
    target.scrollIntoView({ behavior: "smooth", block: "center" });
    target.focus({ preventScroll: true });
  });

  document.querySelectorAll("a.download").forEach((link) => link.addEventListener("click", async (event) => {
    if (!dirty && !saving) return;
    event.preventDefault();
    if (await save()) window.location.href = link.href;
  }));

  document.getElementById("print-button").addEventListener("click", () => window.print());

  window.addEventListener("pagehide", () => {
    if (!dirty || conflicted) return;
    if (!pendingId) pendingId = newSaveId();
    saveId.value = pendingId;
    navigator.sendBeacon(form.action, new FormData(form));
  });

  renderFindings(JSON.parse(list.dataset.initial));
})();
