// leitplanke review page: everything runs against this machine's leitplanke server.
"use strict";

const T = {
  de: {
    title: "leitplanke – Entwurf prüfen",
    intro: "Füge deinen Entwurf ein und ziehe Fotos dazu. Alles bleibt auf diesem Rechner; nichts wird gesendet oder gespeichert.",
    platform: "Plattform", switchTo: "English", switchLang: "en", draft: "Entwurf",
    drop: "Fotos hierher ziehen oder klicken, um sie auszuwählen",
    dropHelp: "JPEG, PNG, WebP, GIF, TIFF, HEIC. Die Fotos werden nur hier geprüft (Ort, Gesichter, Rechteangaben, QR-Codes).",
    photos: "Fotos", check: "Prüfen", exportMd: "Prüfbericht (Markdown)", exportJson: "Prüfbericht (JSON)",
    results: "Hinweise", checking: "Prüfe …", none: "Keine Hinweise. Gute Reise!",
    count: (w, i, a) => `${w} Warnung(en), ${i} Hinweis(e)` + (a ? `, ${a} bestätigt` : ""),
    chars: (n, max, fold) => `${n} von ${max} Zeichen` + (fold ? ` · nach ${fold} Zeichen kommt »mehr anzeigen«` : ""),
    line: (l, c) => `Zeile ${l}, Spalte ${c}`,
    tip: "Tipp", because: "Weil", why: "Warum", basis: "Grundlage", ackd: "Bestätigt", ack: "Bestätigen …",
    ackTitle: "Hinweis bestätigen", ackReason: "Warum trifft der Hinweis hier nicht zu?",
    ackOk: "Bestätigen", ackCancel: "Abbrechen", remove: "Entfernen", error: "Fehler",
    warning: "Warnung", info: "Hinweis", faces: (n) => `${n} Gesicht(er) erkannt`,
    categories: { "ad-disclosure": "Werbekennzeichnung", "data-protection": "Datenschutz",
      "personality-rights": "Persönlichkeitsrechte", copyright: "Urheberrecht",
      "public-service": "Dienstpflichten", platform: "Plattform", accessibility: "Barrierefreiheit",
      review: "Prüfvermerke" },
  },
  en: {
    title: "leitplanke – check a draft",
    intro: "Paste your draft and drop in photos. Everything stays on this computer; nothing is sent or stored.",
    platform: "Platform", switchTo: "Deutsch", switchLang: "de", draft: "Draft",
    drop: "Drop photos here or click to choose them",
    dropHelp: "JPEG, PNG, WebP, GIF, TIFF, HEIC. Photos are only checked here (location, faces, rights notices, QR codes).",
    photos: "Photos", check: "Check", exportMd: "Review (Markdown)", exportJson: "Review (JSON)",
    results: "Findings", checking: "Checking …", none: "No findings.",
    count: (w, i, a) => `${w} warning(s), ${i} note(s)` + (a ? `, ${a} acknowledged` : ""),
    chars: (n, max, fold) => `${n} of ${max} characters` + (fold ? ` · “see more” after ${fold} characters` : ""),
    line: (l, c) => `line ${l}, column ${c}`,
    tip: "Tip", because: "Because of", why: "Why", basis: "Basis", ackd: "Acknowledged", ack: "Acknowledge …",
    ackTitle: "Acknowledge finding", ackReason: "Why does the finding not apply here?",
    ackOk: "Acknowledge", ackCancel: "Cancel", remove: "Remove", error: "Error",
    warning: "Warning", info: "Note", faces: (n) => `${n} face(s) found`,
    categories: { "ad-disclosure": "Ad disclosure", "data-protection": "Data protection",
      "personality-rights": "Personality rights", copyright: "Copyright",
      "public-service": "Public-service duties", platform: "Platform", accessibility: "Accessibility",
      review: "Review notes" },
  },
};

// Length limits and "see more" folds per platform (as in leitplanke's rules).
const LIMITS = { linkedin: [3000, 210], instagram: [2200, 125], facebook: [63206, 125],
  x: [280, null], mastodon: [500, null], tiktok: [2200, 100] };

const $ = (id) => document.getElementById(id);
const state = { lang: "de", images: [], result: null, timer: null, seq: 0, active: null };

function t() { return T[state.lang]; }

function applyLang() {
  const d = t();
  document.documentElement.lang = state.lang;
  document.title = d.title;
  $("title").textContent = d.title;
  $("intro").textContent = d.intro;
  $("platform-label").textContent = d.platform;
  $("lang-switch").textContent = d.switchTo;
  $("lang-switch").lang = d.switchLang;
  $("draft-label").textContent = d.draft;
  $("drop-text").textContent = d.drop;
  $("drop-help").textContent = d.dropHelp;
  $("thumbs").setAttribute("aria-label", d.photos);
  $("check").textContent = d.check;
  $("export-md").textContent = d.exportMd;
  $("export-json").textContent = d.exportJson;
  $("results-title").textContent = d.results;
  $("ack-title").textContent = d.ackTitle;
  $("ack-reason-label").textContent = d.ackReason;
  $("ack-ok").textContent = d.ackOk;
  $("ack-cancel").textContent = d.ackCancel;
  updateCounter();
}

// Byte offsets (UTF-8, as the API reports them) to JavaScript string indices.
function byteToIndex(text) {
  const map = new Map();
  let bytes = 0;
  let i = 0;
  for (const ch of text) {
    map.set(bytes, i);
    const cp = ch.codePointAt(0);
    bytes += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    i += ch.length;
  }
  map.set(bytes, i);
  return (b) => map.get(b) ?? text.length;
}

function escapeHtml(s) {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]));
}

function updateCounter() {
  const text = $("draft").value;
  const [max, fold] = LIMITS[$("platform").value];
  $("counter").textContent = t().chars([...text].length, max, fold);
}

function renderHighlights() {
  const text = $("draft").value;
  const diags = (state.result?.files?.[0]?.diagnostics ?? []).filter((d) => d.byte_end > d.byte_start && !d.image);
  const toIdx = byteToIndex(text);
  const spans = diags.map((d, k) => ({ s: toIdx(d.byte_start), e: toIdx(d.byte_end), cls: d.acknowledged ? "ack" : d.severity, k }))
    .sort((a, b) => a.s - b.s);
  // The platform's "see more" fold, counted in characters of the post (after a front matter).
  const fold = LIMITS[$("platform").value][1];
  let foldAt = -1;
  if (fold) {
    const fm = /^---\r?\n[\s\S]*?\r?\n---\r?\n/.exec(text);
    let i = fm ? fm[0].length : 0;
    let n = 0;
    for (const ch of text.slice(i)) { if (n === fold) { foldAt = i; break; } n++; i += ch.length; }
  }
  let html = "";
  let pos = 0;
  const plain = (a, b) => {
    if (foldAt >= a && foldAt < b) {
      return escapeHtml(text.slice(a, foldAt)) + '<mark class="fold"></mark>' + escapeHtml(text.slice(foldAt, b));
    }
    return escapeHtml(text.slice(a, b));
  };
  for (const sp of spans) {
    if (sp.s < pos) continue;
    html += plain(pos, sp.s);
    html += `<mark class="${sp.cls}">${escapeHtml(text.slice(sp.s, sp.e))}</mark>`;
    pos = sp.e;
  }
  html += plain(pos, text.length) + "\n";
  $("highlights").innerHTML = html;
  syncScroll();
}

function syncScroll() {
  $("highlights").scrollTop = $("draft").scrollTop;
}

function findingHtml(d, idx) {
  const l = t();
  const cls = d.acknowledged ? "acknowledged" : d.severity;
  const sev = d.acknowledged ? l.ackd : d.severity === "warning" ? l.warning : l.info;
  const where = d.image ? escapeHtml(d.image) : l.line(d.line, d.column);
  const ack = d.acknowledged
    ? `<p><strong>${l.ackd}:</strong> ${escapeHtml(d.acknowledged)}</p>`
    : (d.rule.startsWith("ack.") ? "" : `<button type="button" data-ack="${idx}">${l.ack}</button>`);
  // The words that made the finding (rules that combine several parts), in one line.
  const q = state.lang === "de" ? (w) => `»${w}«` : (w) => `“${w}”`;
  const because = d.evidence && d.evidence.length
    ? `<p class="evidence"><strong>${l.because}:</strong> ${d.evidence.map((e) => escapeHtml(q(e.text.trim()))).join(" … ")}</p>`
    : "";
  return `<article class="finding ${cls}" id="finding-${idx}" tabindex="-1">
    <p><strong>${sev}</strong> · <code>${escapeHtml(d.rule)}</code> · <span class="meta">${where}</span></p>
    <p>${escapeHtml(d.message)}</p>
    ${because}
    <p><strong>${l.tip}:</strong> ${escapeHtml(d.suggestion)}</p>
    <details><summary>${l.why} · ${l.basis}</summary><p>${escapeHtml(d.reason)}</p><p class="meta">${escapeHtml(d.reference)}</p></details>
    ${ack}</article>`;
}

function renderFindings() {
  const l = t();
  const file = state.result?.files?.[0];
  const box = $("findings");
  if (!file) { box.innerHTML = ""; return; }
  const diags = file.diagnostics;
  const s = state.result.summary;
  $("status").textContent = diags.length ? l.count(s.warnings, s.infos, s.acknowledged) : l.none;
  const groups = new Map();
  diags.forEach((d, i) => {
    if (d.image) return;
    if (!groups.has(d.category)) groups.set(d.category, []);
    groups.get(d.category).push(findingHtml(d, i));
  });
  let html = "";
  for (const [cat, items] of groups) {
    html += `<section class="group"><h3>${escapeHtml(l.categories[cat] ?? cat)}</h3>${items.join("")}</section>`;
  }
  const errors = file.errors.map((e) => `<p class="finding warning">${l.error}: ${escapeHtml(e.message)}</p>`).join("");
  box.innerHTML = errors + html;
  renderThumbs();
}

function renderThumbs() {
  const l = t();
  const list = $("thumbs");
  list.innerHTML = "";
  const diags = state.result?.files?.[0]?.diagnostics ?? [];
  state.images.forEach((img, n) => {
    const li = document.createElement("li");
    const mine = diags.map((d, i) => [d, i]).filter(([d]) => d.image === img.name);
    const faces = mine.find(([d]) => d.regions?.length)?.[0]?.regions ?? [];
    li.innerHTML = `<div><div class="thumb"><img src="${img.url}" alt="${escapeHtml(img.name)}"></div>
      <button type="button" data-remove="${n}">${l.remove}</button></div>
      <div><p><strong>${escapeHtml(img.name)}</strong>${faces.length ? " · " + l.faces(faces.length) : ""}</p>
      ${mine.map(([d, i]) => findingHtml(d, i)).join("")}</div>`;
    const imgEl = li.querySelector("img");
    const draw = () => {
      const scale = imgEl.clientWidth / imgEl.naturalWidth;
      for (const f of faces) {
        const b = document.createElement("div");
        b.className = "face";
        b.setAttribute("aria-hidden", "true");
        Object.assign(b.style, { left: `${f.x * scale}px`, top: `${f.y * scale}px`,
          width: `${f.width * scale}px`, height: `${f.height * scale}px` });
        li.querySelector(".thumb").appendChild(b);
      }
    };
    if (imgEl.complete && imgEl.naturalWidth) draw(); else imgEl.addEventListener("load", draw);
    list.appendChild(li);
  });
}

// The draft goes as a Blob: browsers turn line breaks in plain form fields into CRLF, which
// would shift every position the server reports.
function draftForm() {
  const form = new FormData();
  form.append("text", new Blob([$("draft").value], { type: "text/plain;charset=utf-8" }), "draft.md");
  form.append("platform", $("platform").value);
  form.append("lang", state.lang);
  for (const img of state.images) form.append("image", img.file, img.name);
  return form;
}

async function check() {
  const seq = ++state.seq;
  $("status").textContent = t().checking;
  const form = draftForm();
  try {
    const res = await fetch("/api/check", { method: "POST", body: form });
    const body = await res.json();
    if (seq !== state.seq) return; // a newer check is under way
    if (!res.ok) { $("status").textContent = `${t().error}: ${body.error}`; return; }
    state.result = body;
    renderHighlights();
    renderFindings();
  } catch (e) {
    if (seq === state.seq) $("status").textContent = `${t().error}: ${e.message}`;
  }
}

function scheduleCheck() {
  clearTimeout(state.timer);
  state.timer = setTimeout(check, 600);
}

function addFiles(files) {
  for (const f of files) {
    if (!f.type.startsWith("image/") && !/\.(heic|heif|tiff?)$/i.test(f.name)) continue;
    state.images.push({ file: f, name: f.name, url: URL.createObjectURL(f) });
  }
  check();
}

// Clicking or moving in the text selects the finding under the caret.
function showFindingAtCaret() {
  const text = $("draft").value;
  const caret = $("draft").selectionStart;
  const diags = state.result?.files?.[0]?.diagnostics ?? [];
  const toIdx = byteToIndex(text);
  const i = diags.findIndex((d) => !d.image && toIdx(d.byte_start) <= caret && caret <= toIdx(d.byte_end));
  document.querySelectorAll(".finding.active").forEach((e) => e.classList.remove("active"));
  if (i < 0) return;
  const el = $(`finding-${i}`);
  if (el) { el.classList.add("active"); el.scrollIntoView({ block: "nearest" }); }
}

// Acknowledging inserts `<!-- leitplanke: ack id — reason -->` before the finding's paragraph
// (or at the top for image findings), so the review note travels with the draft.
function acknowledge(idx) {
  const d = state.result.files[0].diagnostics[idx];
  $("ack-rule").textContent = `${d.rule}: ${d.message}`;
  $("ack-reason").value = "";
  const dlg = $("ack-dialog");
  dlg.returnValue = "";
  dlg.showModal();
  dlg.addEventListener("close", function once() {
    dlg.removeEventListener("close", once);
    const reason = $("ack-reason").value.trim().replace(/-->/g, "- ->");
    if (dlg.returnValue !== "ok" || !reason) return;
    const text = $("draft").value;
    let at = 0;
    if (!d.image) {
      const i = byteToIndex(text)(d.byte_start);
      const para = text.lastIndexOf("\n\n", i);
      at = para < 0 ? 0 : para + 2;
      // Inside front matter, acknowledge for the whole draft at the top of the body instead.
      if (text.startsWith("---")) {
        const end = text.indexOf("\n---", 3);
        if (end >= 0 && i < end) at = text.indexOf("\n", end + 1) + 1;
      }
    }
    const note = `<!-- leitplanke: ack ${d.rule} — ${reason} -->\n`;
    $("draft").value = text.slice(0, at) + note + text.slice(at);
    check();
  });
}

function download(name, type, content) {
  const a = document.createElement("a");
  a.href = URL.createObjectURL(new Blob([content], { type }));
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

async function exportMarkdown() {
  const form = draftForm();
  form.append("format", "markdown");
  const res = await fetch("/api/check", { method: "POST", body: form });
  const md = await res.text();
  const fence = "````";
  download("pruefbericht.md", "text/markdown", `## ${t().draft}\n\n${fence}\n${$("draft").value}\n${fence}\n\n${md}`);
}

function exportJson() {
  download("pruefbericht.json", "application/json",
    JSON.stringify({ draft: $("draft").value, platform: $("platform").value,
      images: state.images.map((i) => i.name), review: state.result }, null, 2));
}

document.addEventListener("DOMContentLoaded", () => {
  const draft = $("draft");
  draft.addEventListener("input", () => { updateCounter(); renderHighlights(); scheduleCheck(); });
  draft.addEventListener("scroll", syncScroll);
  draft.addEventListener("click", showFindingAtCaret);
  draft.addEventListener("keyup", showFindingAtCaret);
  $("platform").addEventListener("change", () => { updateCounter(); renderHighlights(); check(); });
  $("check").addEventListener("click", check);
  $("lang-switch").addEventListener("click", () => {
    state.lang = state.lang === "de" ? "en" : "de";
    applyLang();
    check();
  });
  const dz = $("dropzone");
  dz.addEventListener("click", () => $("files").click());
  dz.addEventListener("keydown", (e) => { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); $("files").click(); } });
  dz.addEventListener("dragover", (e) => { e.preventDefault(); dz.classList.add("over"); });
  dz.addEventListener("dragleave", () => dz.classList.remove("over"));
  dz.addEventListener("drop", (e) => { e.preventDefault(); dz.classList.remove("over"); addFiles(e.dataTransfer.files); });
  $("files").addEventListener("change", (e) => { addFiles(e.target.files); e.target.value = ""; });
  document.addEventListener("click", (e) => {
    const ack = e.target.closest("[data-ack]");
    if (ack) acknowledge(Number(ack.dataset.ack));
    const rm = e.target.closest("[data-remove]");
    if (rm) {
      const [img] = state.images.splice(Number(rm.dataset.remove), 1);
      URL.revokeObjectURL(img.url);
      check();
    }
  });
  $("export-md").addEventListener("click", exportMarkdown);
  $("export-json").addEventListener("click", exportJson);
  applyLang();
});
