"use strict";
// The shared page: upload four files, follow the queue and the check, read the report,
// fix, download the corrected copies as one zip, delete. Every request carries the session's
// CSRF token; the server answers in the page's language.
const WORDS = {
  zh: {
    title: "案例报送材料检查", langSwitch: "English",
    codeTitle: "请输入访问码", codeLabel: "访问码（由管理员提供）", codeEnter: "进入",
    step1: "上传案例材料",
    intro: "选择案例的四个文件：案例信息表、案例课件、案例视频、案例总结报告。检查是否符合活动要求，并可自动修改格式。",
    dropHere: "点击下面的按钮选择文件（可多选），或把文件拖到这里", choose: "选择文件",
    limits: "每个文件不超过 {file} MB，合计不超过 {job} MB，最多 {n} 个文件。",
    pack: "活动与案例类型", auto: "自动识别（按信息表）", start: "开始检查", remove: "移除",
    tooBig: "超过单个文件上限 {mb} MB", totalTooBig: "合计 {total} MB，超过上限 {mb} MB，请压缩视频后再上传",
    tooMany: "最多 {n} 个文件", busy: "现在排队检查的人较多，可能要等一会儿。",
    privacy: "隐私：上传的文件只用于这次检查。点「删除」、下载修改后的文件或关闭本页后立即从服务器删除，最迟 {h}后自动删除；服务器不记录文件名和文件内容。",
    uploading: "正在上传", checking: "正在检查", fixing: "正在自动修改",
    upload: "已上传 {pct}（{done} / {total}）", uploadFailed: "上传中断，请检查网络后重试",
    queued: "排队中：您前面还有 {n} 份", next: "排队中：下一个就轮到您",
    stage_classify: "正在识别材料…", stage_read: "正在读取 {file}（{n}/{total}）",
    stage_rules: "正在按规则判断…", stage_fix: "正在修改…",
    stage_fixfile: "正在重新导出 {file}：{pct}（约剩 {eta} 秒）",
    result: "检查结果", ok: "可以报送", bad: "未通过，需要修改",
    renamed: "文件名已调整：「{from}」→「{to}」",
    downloadReport: "下载检查报告", delete: "删除",
    expires: "服务器将在 {min} 分钟后自动删除这次上传的文件和结果。",
    fixTitle: "自动修改", fixIntro: "在服务器上生成修改后的副本（报告格式、课件外部链接），改好后打包下载；您上传的原文件不变。",
    afterFix: "修改后重新检查：", fixedFile: "已修改", copiedFile: "原样复制",
    downloadZip: "下载修改后的文件（压缩包）",
    zipNote: "下载完成后，服务器上的文件会立即删除；本页的报告在关闭页面前仍可查看。",
    downloaded: "已下载。服务器上的文件已删除；本页的报告在关闭页面前仍可查看。",
    deleted: "已删除：服务器上不再保留这次上传的任何文件和结果。",
    hours: "{n} 小时", minutes: "{n} 分钟"
  },
  en: {
    title: "Case submission check", langSwitch: "中文",
    codeTitle: "Access code", codeLabel: "Access code (from your administrator)", codeEnter: "Enter",
    step1: "Upload the submission",
    intro: "Choose the four files of the case: info form, courseware, video and summary report. They are checked against the requirements and can be fixed automatically.",
    dropHere: "Choose the files with the button below (several at once), or drop them here", choose: "Choose files",
    limits: "At most {file} MB per file, {job} MB in all, {n} files.",
    pack: "Campaign and case type", auto: "Detect from the info form", start: "Check", remove: "Remove",
    tooBig: "over the {mb} MB limit per file", totalTooBig: "{total} MB in all, over the {mb} MB limit: compress the video first",
    tooMany: "At most {n} files", busy: "Many checks are waiting now; it may take a while.",
    privacy: "Privacy: the files are used for this check only. They are deleted from the server when you click Delete, download the fixed files or close this page, and after {h} at the latest; the server logs no file names and no contents.",
    uploading: "Uploading", checking: "Checking", fixing: "Fixing",
    upload: "Uploaded {pct} ({done} / {total})", uploadFailed: "The upload broke off; check the network and try again",
    queued: "Waiting: {n} ahead of you", next: "Waiting: you are next",
    stage_classify: "Finding the materials…", stage_read: "Reading {file} ({n}/{total})",
    stage_rules: "Judging against the rules…", stage_fix: "Fixing…",
    stage_fixfile: "Re-exporting {file}: {pct} (about {eta} s left)",
    result: "Result", ok: "Ready to submit", bad: "Not ready: fix the problems",
    renamed: "File name adjusted: “{from}” → “{to}”",
    downloadReport: "Download the report", delete: "Delete",
    expires: "The server deletes this upload's files and results in {min} minutes.",
    fixTitle: "Fix automatically", fixIntro: "Corrected copies (report formatting, courseware links) are made on the server for you to download as one zip; your originals stay as they are.",
    afterFix: "Re-check of the fixed copies: ", fixedFile: "fixed", copiedFile: "copied unchanged",
    downloadZip: "Download the fixed files (zip)",
    zipNote: "Once downloaded, the files are deleted from the server; the report stays on this page until you close it.",
    downloaded: "Downloaded. The files were deleted from the server; the report stays on this page until you close it.",
    deleted: "Deleted: nothing of this upload is kept on the server.",
    hours: "{n} hours", minutes: "{n} minutes"
  }
};
// Words the server also says (the fix's note names the video box and the fix button).
Object.entries(CONFIG.words || {}).forEach(([key, text]) => { WORDS.zh[key] = text.zh; WORDS.en[key] = text.en; });
let lang = CONFIG.lang === "en" ? "en" : "zh";
let chosen = [];          // File objects picked for the next upload
let current = null;       // the case being shown: its id and last view
let events = null;        // the EventSource following it
const $ = (id) => document.getElementById(id);
const say = (key, vals) => (WORDS[lang][key] || key).replace(/\{(\w+)\}/g, (_, k) => (vals && k in vals ? vals[k] : ""));
const show = (id, on) => $(id).classList.toggle("hidden", !on);
const size = (n) => n >= 1e6 ? (n / 1e6).toFixed(1) + " MB" : Math.max(1, Math.round(n / 1e3)) + " KB";

function request(path, options) {
  options = options || {};
  options.headers = Object.assign({"X-CSRF-Token": CONFIG.csrf}, options.headers || {});
  options.credentials = "same-origin";
  return fetch(path, options).then(async (r) => {
    const data = await r.json().catch(() => ({}));
    if (!r.ok) throw new Error(data.error || String(r.status));
    return data;
  });
}
const post = (path, body) => request(path, {method: "POST", body: JSON.stringify(body || {}),
  headers: {"Content-Type": "application/json"}});

function message(text, kind) {
  const el = $("page-msg");
  el.textContent = text || "";
  el.className = "msg" + (kind ? " " + kind : "");
  show("page-msg", Boolean(text));
}

function applyLang() {
  document.documentElement.lang = lang === "zh" ? "zh-CN" : "en";
  document.title = say("title");
  document.querySelectorAll("[data-t]").forEach((el) => { el.textContent = say(el.dataset.t); });
  $("lang-switch").textContent = say("langSwitch");
  $("limits").textContent = say("limits", {file: Math.round(CONFIG.maxFile / 1e6), job: Math.round(CONFIG.maxJob / 1e6), n: CONFIG.maxFiles});
  const hours = CONFIG.retentionMin % 60 === 0 ? say("hours", {n: CONFIG.retentionMin / 60}) : say("minutes", {n: CONFIG.retentionMin});
  $("privacy").textContent = say("privacy", {h: hours});
  const sel = $("pack"), picked = sel.value;
  sel.innerHTML = "";
  sel.add(new Option(say("auto"), ""));
  CONFIG.packs.forEach((p) => sel.add(new Option(p[lang], p.id)));
  sel.value = picked;
  show("fix-video-row", CONFIG.fixVideo);
  listChosen();
  if (current) render(current.view);
}

// --- choosing files -------------------------------------------------------------------
function listChosen() {
  const list = $("chosen");
  list.innerHTML = "";
  let total = 0, ok = chosen.length > 0 && chosen.length <= CONFIG.maxFiles;
  chosen.forEach((file, i) => {
    total += file.size;
    const li = document.createElement("li");
    const name = document.createElement("span");
    name.textContent = file.name + "（" + size(file.size) + "）";
    if (file.size > CONFIG.maxFile) {
      li.className = "bad"; ok = false;
      name.textContent += " — " + say("tooBig", {mb: Math.round(CONFIG.maxFile / 1e6)});
    }
    const drop = document.createElement("button");
    drop.type = "button"; drop.textContent = say("remove");
    drop.onclick = () => { chosen.splice(i, 1); listChosen(); };
    li.append(name, drop);
    list.appendChild(li);
  });
  if (total > CONFIG.maxJob) {
    ok = false;
    const li = document.createElement("li");
    li.className = "bad";
    li.textContent = say("totalTooBig", {total: Math.round(total / 1e6), mb: Math.round(CONFIG.maxJob / 1e6)});
    list.appendChild(li);
  }
  if (chosen.length > CONFIG.maxFiles) {
    const li = document.createElement("li");
    li.className = "bad"; li.textContent = say("tooMany", {n: CONFIG.maxFiles});
    list.appendChild(li);
  }
  $("start").disabled = !ok;
}

function addFiles(files) {
  Array.from(files || []).forEach((f) => {
    chosen = chosen.filter((c) => c.name !== f.name);
    chosen.push(f);
  });
  message("");
  listChosen();
}

// --- uploading ------------------------------------------------------------------------
function setBar(barId, fraction) {
  const bar = $(barId);
  bar.classList.toggle("busy", fraction === null);
  bar.firstElementChild.style.width = fraction === null ? "" : Math.round(fraction * 100) + "%";
}

function startUpload() {
  // Ask first: a browser refused in the middle of a large upload sees a broken connection.
  $("start").disabled = true;
  post("/api/ready?lang=" + lang, {files: chosen.map((f) => ({name: f.name, size: f.size}))})
    .then(sendFiles)
    .catch((e) => { message(e.message, "err"); listChosen(); });
}

function sendFiles() {
  const form = new FormData();
  chosen.forEach((f) => form.append("files", f, f.name));
  const xhr = new XMLHttpRequest();
  xhr.open("POST", "/api/upload?lang=" + lang + "&pack=" + encodeURIComponent($("pack").value));
  xhr.setRequestHeader("X-CSRF-Token", CONFIG.csrf);
  xhr.upload.onprogress = (e) => {
    if (!e.lengthComputable) return;
    setBar("bar", e.loaded / e.total);
    $("progress-text").textContent = say("upload", {pct: Math.round(100 * e.loaded / e.total) + "%", done: size(e.loaded), total: size(e.total)});
  };
  xhr.onload = () => {
    let data = {};
    try { data = JSON.parse(xhr.responseText); } catch (e) { data = {}; }
    if (xhr.status >= 400 || !data.id) { backToUpload(); message(data.error || say("uploadFailed"), "err"); return; }
    chosen = [];
    follow(data);
  };
  xhr.onerror = () => { backToUpload(); message(say("uploadFailed"), "err"); };
  message("");
  show("upload-box", false);
  show("lang-switch", false);
  show("progress-box", true);
  $("progress-title").textContent = say("uploading");
  setBar("bar", 0);
  $("progress-text").textContent = "";
  xhr.send(form);
}

function backToUpload() {
  if (events) { events.close(); events = null; }
  current = null;
  show("progress-box", false);
  show("result", false);
  show("upload-box", true);
  show("lang-switch", true);
  $("report").removeAttribute("src");
  $("fixed-report").removeAttribute("src");
  listChosen();
}

// --- following a case -----------------------------------------------------------------
function follow(view) {
  current = {id: view.id, view: view, reportShown: null, fixShown: null};
  render(view);
  listen();
}

function listen() {
  if (events) events.close();
  const id = current.id;
  const poll = () => request("/api/cases/" + id + "?lang=" + lang).then((view) => {
    if (!current || current.id !== id) return;
    render(view);
    if (busy(view)) setTimeout(poll, 1000);
  }).catch((e) => { if (current && current.id === id) message(e.message, "err"); });
  if (!window.EventSource) { poll(); return; }
  events = new EventSource("/api/cases/" + id + "/events?lang=" + lang);
  events.onmessage = (msg) => {
    const view = JSON.parse(msg.data);
    if (current && current.id === id) render(view);
    if (!busy(view)) { events.close(); events = null; }
  };
  events.onerror = () => { if (events) { events.close(); events = null; } if (current && current.id === id) poll(); };
}

const ended = (job) => !job || ["done", "failed", "cancelled"].includes(job.state);
const busy = (view) => !ended(view.check) || !ended(view.fix);

function stageText(job) {
  if (job.state === "queued") return job.position > 1 ? say("queued", {n: job.position - 1}) : say("next");
  const p = job.progress || {};
  if (p.stage === "fix" && p.file) {
    return say("stage_fixfile", {file: p.file, pct: typeof p.fraction === "number" ? Math.round(p.fraction * 100) + "%" : "…",
      eta: typeof p.eta_s === "number" ? Math.ceil(p.eta_s) : "?"});
  }
  return say("stage_" + (p.stage || "classify"), {file: p.file || "", n: (p.done || 0) + 1, total: p.total || 0});
}

function fraction(job) {
  const p = job.progress || {};
  if (job.state === "queued") return null;
  if (typeof p.fraction === "number") return p.fraction;
  return p.total ? Math.min(1, (p.done || 0) / (p.total + 1)) : null;
}

function verdict(el, summary, prefix) {
  const ok = summary.status !== "fail" && summary.status !== "error";
  el.className = "verdict " + (ok ? "v-ok" : "v-bad");
  el.dataset.status = summary.status;
  el.textContent = (prefix || "") + (ok ? say("ok") : say("bad")) + " — " + summary.sentence[lang];
}

function render(view) {
  current.view = view;
  const check = view.check;
  if (!ended(check)) {
    show("progress-box", true);
    $("progress-title").textContent = say("checking");
    setBar("bar", fraction(check));
    $("progress-text").textContent = stageText(check);
    return;
  }
  show("progress-box", false);
  if (check.state !== "done") { backToUpload(); message(check.error, "err"); return; }
  show("result", true);
  const renamed = $("renamed");
  renamed.innerHTML = "";
  view.files.filter((f) => f.sentAs).forEach((f) => {
    const li = document.createElement("li");
    li.textContent = say("renamed", {from: f.sentAs, to: f.name});
    renamed.appendChild(li);
  });
  verdict($("verdict"), check.summary);
  const base = "/api/cases/" + view.id + "/report.";
  $("download-report").href = base + "html?download=1&lang=" + lang;
  if (current.reportShown !== base) { current.reportShown = base; showFrame("report", base + "html?lang=" + lang); }
  $("expires").textContent = say("expires", {min: Math.max(1, Math.round(view.expiresIn / 60))});
  show("fix-box", true);
  renderFix(view);
  if (view.filesDeleted) message(say("downloaded"), "ok");
}

function renderFix(view) {
  const fix = view.fix;
  $("fix-button").disabled = view.filesDeleted || (fix && !ended(fix));
  show("fix-progress", Boolean(fix) && !ended(fix));
  show("fix-done", Boolean(fix) && fix.state === "done");
  if (!fix) return;
  if (!ended(fix)) {
    setBar("fix-bar", fraction(fix));
    $("fix-text").textContent = stageText(fix);
    return;
  }
  if (fix.state !== "done") { message(fix.error, "err"); return; }
  verdict($("fixed-verdict"), fix.summary, say("afterFix"));
  $("download-zip").href = "/api/cases/" + view.id + "/fixed.zip";
  $("download-zip").classList.toggle("hidden", view.filesDeleted);
  const files = $("fix-files");
  files.innerHTML = "";
  fix.files.forEach((f) => {
    const box = document.createElement("div");
    box.className = "fixed-file"; box.dataset.name = f.name;
    const title = document.createElement("b");
    title.textContent = f.name + " — " + (f.error ? f.error : f.written ? say("fixedFile") : say("copiedFile"));
    box.appendChild(title);
    [["changed", "✓ "], ["left", "→ "]].forEach(([key, mark]) => f[key].forEach((m) => {
      const line = document.createElement("div");
      line.className = "fix-" + key; line.textContent = mark + m;
      box.appendChild(line);
    }));
    files.appendChild(box);
  });
  const src = "/api/cases/" + view.id + "/report.html?which=fix&lang=" + lang + "&v=" + fix.id;
  if (current.fixShown !== src) { current.fixShown = src; showFrame("fixed-report", src); }
}

function showFrame(id, src) {
  const frame = $(id);
  frame.onload = () => {
    try { frame.style.height = (frame.contentDocument.documentElement.scrollHeight + 30) + "px"; } catch (e) { /* keep the minimum */ }
  };
  frame.src = src;
}

function startFix() {
  if (!current) return;
  message("");
  post("/api/cases/" + current.id + "/fix?lang=" + lang, {video: $("fix-video").checked})
    .then((view) => { render(view); listen(); })
    .catch((e) => message(e.message, "err"));
}

function deleteCase() {
  if (!current) return;
  const id = current.id;
  post("/api/cases/" + id + "/delete").catch(() => {});
  backToUpload();
  message(say("deleted"), "ok");
}

function watchDownload() {
  // The server deletes the files once the zip went out in full: show it when it happened.
  const id = current && current.id;
  let tries = 0;
  const check = () => request("/api/cases/" + id + "?lang=" + lang).then((view) => {
    if (!current || current.id !== id) return;
    if (view.filesDeleted) render(view);
    else if (++tries < 120) setTimeout(check, 1500);
  }).catch(() => {});
  setTimeout(check, 1000);
}

function enterCode(event) {
  event.preventDefault();
  post("/api/code?lang=" + lang, {code: $("code-input").value})
    .then(() => location.reload())
    .catch((e) => { $("code-error").textContent = e.message; show("code-error", true); });
}

window.addEventListener("DOMContentLoaded", () => {
  applyLang();
  show("code-box", CONFIG.needCode);
  show("upload-box", !CONFIG.needCode);
  show("busy", CONFIG.busy);
  $("lang-switch").onclick = () => { lang = lang === "zh" ? "en" : "zh"; applyLang(); };
  $("code-form").onsubmit = enterCode;
  $("file-input").onchange = (e) => { addFiles(e.target.files); e.target.value = ""; };
  const drop = $("drop");
  drop.addEventListener("dragover", (e) => { e.preventDefault(); drop.classList.add("over"); });
  drop.addEventListener("dragleave", () => drop.classList.remove("over"));
  drop.addEventListener("drop", (e) => { e.preventDefault(); drop.classList.remove("over"); addFiles(e.dataTransfer.files); });
  $("start").onclick = startUpload;
  $("fix-button").onclick = startFix;
  $("delete").onclick = deleteCase;
  $("download-zip").addEventListener("click", watchDownload);
  window.addEventListener("pagehide", () => {
    if (current) fetch("/api/cases/" + current.id + "/delete", {method: "POST", keepalive: true,
      headers: {"X-CSRF-Token": CONFIG.csrf}, credentials: "same-origin"}).catch(() => {});
  });
});
