"use strict";
const T = {
  zh: {
    title: "casecheck 案例报送材料检查", pack: "规则包", auto: "自动识别", langSwitch: "English",
    step1: "第一步：选择案例文件夹，或把四个文件拖进来", checkThis: "检查这个文件夹",
    dropHere: "把案例信息表、课件、视频、总结报告拖到这里（或点击选择文件）",
    limit: "上传上限 {mb} MB；大的视频请直接选择文件夹检查", up: "⬆ 上一级",
    looksLike: "这个文件夹里有案例材料", notLike: "这个文件夹里没有看到案例材料",
    checking: "正在检查", stop: "停止", result: "检查结果",
    downloadHtml: "下载报告（网页）", downloadJson: "下载报告（JSON）",
    fixTitle: "自动修改（写到另一个文件夹，原文件不动）", outdir: "输出到：",
    outTempLabel: "临时文件夹（修改后在下面下载）", chooseOut: "选择左侧浏览的文件夹",
    outTemp: "用临时文件夹", fixDone: "修改后的文件在：{dir}", fixing: "正在修改",
    fixZip: "下载修改后的整个文件夹（.zip）",
    stage_queued: "排队中…", stage_classify: "正在识别文件夹中的材料…",
    stage_read: "正在读取 {file}（{n}/{total}）", stage_rules: "正在按规则判断…",
    stage_fix: "正在修改…", stage_fixfile: "正在重新导出 {file}：{pct}（约剩 {eta} 秒）", cancelled: "已停止", passed: "通过", problems: "问题",
    ok: "可以报送", bad: "未通过，需要修改",
    noFiles: "没有选择文件", fixedFile: "已修改", copiedFile: "原样复制",
    afterFix: "修改后重新检查：", chosenOut: "已选择输出文件夹：{dir}"
  },
  en: {
    title: "casecheck — submission check", pack: "Pack", auto: "detect automatically", langSwitch: "中文",
    step1: "Step 1: choose a submission folder, or drop the four files", checkThis: "Check this folder",
    dropHere: "Drop the info form, courseware, video and report here (or click to choose files)",
    limit: "Upload limit {mb} MB; for a large video, check its folder instead", up: "⬆ up",
    looksLike: "This folder holds submission materials", notLike: "No submission materials seen in this folder",
    checking: "Checking", stop: "Stop", result: "Result",
    downloadHtml: "Download report (HTML)", downloadJson: "Download report (JSON)",
    fixTitle: "Fix automatically (into another folder; originals untouched)", outdir: "Output:",
    outTempLabel: "a temporary folder (download below)", chooseOut: "Use the folder browsed on the left",
    outTemp: "Use a temporary folder", fixDone: "Fixed files are in: {dir}",
    fixZip: "Download the whole fixed folder (.zip)",
    fixing: "Fixing", stage_queued: "Waiting…", stage_classify: "Finding the materials in the folder…",
    stage_read: "Reading {file} ({n}/{total})", stage_rules: "Judging against the rules…",
    stage_fix: "Fixing…", stage_fixfile: "Re-exporting {file}: {pct} (about {eta} s left)", cancelled: "Stopped", passed: "passed", problems: "problems",
    ok: "Ready to submit", bad: "Not ready: fix the problems",
    noFiles: "No files chosen", fixedFile: "fixed", copiedFile: "copied unchanged",
    afterFix: "Re-check of the fixed copies: ", chosenOut: "Output folder chosen: {dir}"
  }
};
// Words the server also says (the fix's note names the video box and the fix button).
Object.entries(CONFIG.words || {}).forEach(([key, text]) => { T.zh[key] = text.zh; T.en[key] = text.en; });
let lang = CONFIG.lang === "en" ? "en" : "zh";
let browsePath = "";
let checkJob = null;      // the job id of the current check
let lastSource = null;    // {path} or {files}, to re-check when the language changes
let outdir = null;        // relative path in the browser, or null for a temporary folder
let source = null;
const $ = (id) => document.getElementById(id);
const t = (key, vals) => (T[lang][key] || key).replace(/\{(\w+)\}/g, (_, k) => (vals && k in vals ? vals[k] : ""));

function api(path, options) {
  options = options || {};
  options.headers = Object.assign({"X-Casecheck-Token": CONFIG.token}, options.headers || {});
  options.credentials = "same-origin";
  return fetch(path, options).then(async (r) => {
    const data = await r.json().catch(() => ({}));
    if (!r.ok) throw new Error(data.error || (r.status + " " + r.statusText));
    return data;
  });
}
const postJSON = (path, body) => api(path, {method: "POST", body: JSON.stringify(body),
  headers: {"Content-Type": "application/json"}});

function applyLang() {
  document.documentElement.lang = lang === "zh" ? "zh-CN" : "en";
  document.querySelectorAll("[data-t]").forEach((el) => { el.textContent = t(el.dataset.t); });
  $("lang-switch").textContent = t("langSwitch");
  $("drop-limit").textContent = t("limit", {mb: Math.round(CONFIG.uploadLimit / 1e6)});
  const sel = $("pack"), current = sel.value;
  sel.innerHTML = "";
  sel.add(new Option(t("auto"), ""));
  CONFIG.packs.forEach((p) => sel.add(new Option(p.id + " — " + p[lang], p.id)));
  sel.value = current;
  showOutdir();
}

function showError(where, message) {
  const el = $(where);
  el.textContent = message;
  el.classList.toggle("hidden", !message);
}

const size = (n) => n >= 1e6 ? (n / 1e6).toFixed(1) + " MB" : Math.max(1, Math.round(n / 1e3)) + " KB";

function browse(path) {
  api("/api/folders?path=" + encodeURIComponent(path) + "&lang=" + lang).then((data) => {
    browsePath = data.path;
    $("crumbs").textContent = CONFIG.root + (data.path ? " / " + data.path.split("/").join(" / ") : "");
    const list = $("folder-list");
    list.innerHTML = "";
    if (data.parent !== null) {
      const li = document.createElement("li");
      li.className = "up"; li.textContent = t("up");
      li.onclick = () => browse(data.parent);
      list.appendChild(li);
    }
    data.folders.forEach((f) => {
      const li = document.createElement("li");
      li.className = "folder"; li.dataset.path = f.path; li.textContent = "▸ " + f.name;
      li.onclick = () => browse(f.path);
      list.appendChild(li);
    });
    data.files.forEach((f) => {
      const li = document.createElement("li");
      li.className = "file"; li.textContent = f.name + "  (" + size(f.size) + ")";
      list.appendChild(li);
    });
    // A file of the wrong kind is named with check's words (「….doc 实际是 …：请…另存为 .docx」).
    const wrong = (data.wrong || []).map((w) => w[lang]);
    $("folder-hint").textContent = wrong.length ? wrong.join(lang === "zh" ? "；" : "; ") :
      data.submission ? t("looksLike") : t("notLike");
    $("check-folder").classList.toggle("primary", data.submission || wrong.length > 0);
    showError("pick-error", "");
  }).catch((e) => showError("pick-error", e.message));
}

function discardCurrent() {
  if (checkJob) {
    fetch("/api/jobs/" + checkJob + "/discard", {method: "POST", keepalive: true,
      headers: {"X-Casecheck-Token": CONFIG.token}, credentials: "same-origin"}).catch(() => {});
    checkJob = null;
  }
}

function startCheck(src) {
  lastSource = src;
  discardCurrent();
  $("result").classList.add("hidden");
  $("progress-box").classList.remove("hidden");
  $("fix-done").classList.add("hidden");
  setProgress("bar", "progress-text", {state: "queued", progress: {}});
  let request;
  const pack = $("pack").value;
  if (src.path !== undefined) {
    request = postJSON("/api/check", {path: src.path, pack: pack, lang: lang});
  } else {
    const form = new FormData();
    src.files.forEach((f) => form.append("files", f, f.name));
    request = api("/api/upload?lang=" + lang + "&pack=" + encodeURIComponent(pack), {method: "POST", body: form});
  }
  request.then((job) => { checkJob = job.id; watch(job.id, "bar", "progress-text", checkFinished); })
    .catch((e) => { $("progress-box").classList.add("hidden"); showError("pick-error", e.message); });
}

function setProgress(barId, textId, job) {
  const bar = $(barId), p = job.progress || {};
  let text = t("stage_" + (job.state === "queued" ? "queued" : (p.stage || "classify")),
    {file: p.file || "", n: (p.done || 0) + 1, total: p.total || 0});
  if (p.stage === "fix" && p.file) {
    text = t("stage_fixfile", {file: p.file, pct: typeof p.fraction === "number" ? Math.round(p.fraction * 100) + "%" : "…",
      eta: typeof p.eta_s === "number" ? Math.ceil(p.eta_s) : "?"});
  }
  let fraction = null;
  if (typeof p.fraction === "number") fraction = p.fraction;
  else if (p.total) fraction = Math.min(1, (p.done || 0) / (p.total + 1));
  bar.classList.toggle("busy", fraction === null);
  bar.firstElementChild.style.width = fraction === null ? "" : Math.round(fraction * 100) + "%";
  $(textId).textContent = text;
}

function watch(id, barId, textId, done) {
  let finished = false;
  const finish = (job) => { if (!finished) { finished = true; done(job); } };
  const update = (job) => {
    if (["done", "failed", "cancelled"].includes(job.state)) finish(job);
    else setProgress(barId, textId, job);
  };
  const poll = () => api("/api/jobs/" + id + "?lang=" + lang).then((job) => {
    update(job);
    if (!finished) setTimeout(poll, 700);
  }).catch((e) => finish({state: "failed", error: e.message}));
  if (!window.EventSource) { poll(); return; }
  const events = new EventSource("/api/jobs/" + id + "/events?lang=" + lang);
  events.onmessage = (msg) => { const job = JSON.parse(msg.data); update(job); if (finished) events.close(); };
  events.onerror = () => { events.close(); if (!finished) poll(); };
}

function checkFinished(job) {
  $("progress-box").classList.add("hidden");
  if (job.state !== "done") {
    showError("pick-error", job.state === "cancelled" ? t("cancelled") : job.error);
    return;
  }
  const s = job.summary, ok = s.status !== "fail" && s.status !== "error";
  $("verdict").className = ok ? "v-ok" : "v-bad";
  $("verdict").dataset.status = s.status;
  $("verdict").textContent = (ok ? t("ok") : t("bad")) + " — " + s.sentence[lang];
  const base = "/api/jobs/" + job.id + "/report.";
  $("download-html").href = base + "html?download=1&lang=" + lang;
  $("download-json").href = base + "json?download=1&lang=" + lang;
  const frame = $("report");
  fitFrame(frame);
  frame.src = base + "html?lang=" + lang;
  $("fix-box").classList.remove("hidden");
  $("result").classList.remove("hidden");
  showError("pick-error", "");
}

// The report is as tall as its content, also when the phone turns: one scrollbar, the page's.
function fitFrame(frame) {
  const fit = () => {
    try {
      const height = frame.contentDocument.documentElement.getBoundingClientRect().height;
      frame.style.height = (Math.ceil(height) + 2) + "px";
    } catch (e) {}
  };
  frame.onload = () => {
    fit();
    try { new frame.contentWindow.ResizeObserver(fit).observe(frame.contentDocument.documentElement); } catch (e) {}
  };
}

function showOutdir() {
  $("outdir-label").textContent = outdir === null ? t("outTempLabel") :
    CONFIG.root + (outdir ? " / " + outdir.split("/").join(" / ") : "");
}

function startFix() {
  if (!checkJob) return;
  $("fix-progress").classList.remove("hidden");
  $("fix-done").classList.add("hidden");
  $("fix-button").disabled = true;
  setProgress("fix-bar", "fix-text", {state: "queued", progress: {}});
  postJSON("/api/fix", {job: checkJob, outdir: outdir, video: $("fix-video").checked, lang: lang})
    .then((job) => {
      $("fix-cancel").onclick = () => postJSON("/api/jobs/" + job.id + "/cancel", {});
      watch(job.id, "fix-bar", "fix-text", fixFinished);
    })
    .catch((e) => fixFinished({state: "failed", error: e.message}));
}

function fixFinished(job) {
  $("fix-progress").classList.add("hidden");
  $("fix-button").disabled = false;
  $("fix-done").classList.remove("hidden");
  const files = $("fix-files");
  files.innerHTML = "";
  $("fix-zip").classList.toggle("hidden", job.state !== "done");
  if (job.state !== "done") {
    $("fix-where").textContent = job.state === "cancelled" ? t("cancelled") : job.error;
    return;
  }
  $("fix-where").textContent = t("fixDone", {dir: job.outdir});
  $("fix-zip").href = "/api/jobs/" + job.id + "/fixed.zip";
  job.files.forEach((f) => {
    const box = document.createElement("div");
    box.className = "fixed-file"; box.dataset.name = f.name;
    const a = document.createElement("a");
    a.href = "/api/jobs/" + job.id + "/files/" + f.name.split("/").map(encodeURIComponent).join("/");
    a.textContent = f.name + "  (" + size(f.size) + ")"; a.setAttribute("download", "");
    const state = document.createElement("b");
    state.textContent = " " + (f.error ? f.error : f.written ? t("fixedFile") : t("copiedFile"));
    box.append(a, state);
    [["changed", "✓ "], ["left", "→ "]].forEach(([key, mark]) => f[key].forEach((m) => {
      const li = document.createElement("div");
      li.className = "fix-" + key; li.textContent = mark + m;
      box.appendChild(li);
    }));
    files.appendChild(box);
  });
  if (job.summary) {
    const s = job.summary, ok = s.status !== "fail" && s.status !== "error";
    const verdict = document.createElement("div");
    verdict.id = "fixed-verdict"; verdict.dataset.status = s.status;
    verdict.className = ok ? "v-ok" : "v-bad";
    verdict.textContent = t("afterFix") + (ok ? t("ok") : t("bad")) + " — " + s.sentence[lang];
    files.appendChild(verdict);
    const frame = document.createElement("iframe");
    frame.id = "fixed-report";
    fitFrame(frame);
    frame.src = "/api/jobs/" + job.id + "/report.html?lang=" + lang;
    files.appendChild(frame);
  }
}

function pickFiles(list) {
  const files = Array.from(list || []);
  if (!files.length) { showError("pick-error", t("noFiles")); return; }
  startCheck({files: files});
}

window.addEventListener("DOMContentLoaded", () => {
  applyLang();
  browse("");
  $("lang-switch").onclick = () => {
    lang = lang === "zh" ? "en" : "zh";
    applyLang();
    browse(browsePath);
    if (lastSource && !$("result").classList.contains("hidden")) startCheck(lastSource);
  };
  $("check-folder").onclick = () => startCheck({path: browsePath});
  $("cancel").onclick = () => { if (checkJob) postJSON("/api/jobs/" + checkJob + "/cancel", {}); };
  const drop = $("drop");
  drop.addEventListener("dragover", (e) => { e.preventDefault(); drop.classList.add("over"); });
  drop.addEventListener("dragleave", () => drop.classList.remove("over"));
  drop.addEventListener("drop", (e) => { e.preventDefault(); drop.classList.remove("over"); pickFiles(e.dataTransfer.files); });
  $("file-input").onchange = (e) => pickFiles(e.target.files);
  $("choose-outdir").onclick = () => { outdir = browsePath; showOutdir(); };
  $("outdir-temp").onclick = () => { outdir = null; showOutdir(); };
  $("fix-button").onclick = startFix;
  window.addEventListener("pagehide", discardCurrent);
});
