// Document uploads that survive slow and broken connections (the member portal's upload
// form, the admin's document file): the server's checks made before the first byte is
// sent, then the file sent in pieces with tus-js-client (the tus protocol, /uploads/), with
// a progress bar, resumed where it stopped when the connection comes back. The form is
// then sent naming the finished upload instead of carrying the file.
//
// Everything it says and checks comes from the server, in data- attributes of the file
// input (documents/resumable.py): the limits, the accepted suffixes, the messages in the
// page's language, Django's size units and the page's digits. Without this script, or
// without tus-js-client, the form posts the file as it always did.
(() => {
  "use strict";

  const KB = 1024;
  const MB = KB * KB;
  const GB = MB * KB;
  const SPEED_WINDOW_MS = 10000;

  // "%(name)s" and "%(size)d" filled in from values; "%%" is a percent sign.
  function format(template, values) {
    return template.replace(/%\((\w+)\)[sd]|%%/g, (match, key) =>
      key === undefined ? "%" : String(values[key]),
    );
  }

  function setUp(input) {
    const form = input.form;
    const holder = input.closest("[data-tus-endpoint]");
    if (!form || !holder) return;
    const endpoint = holder.dataset.tusEndpoint;
    const maxBytes = Number(input.dataset.maxBytes);
    const chunkBytes = Number(input.dataset.chunkBytes);
    const extensions = input.dataset.extensions.split(" ");
    const say = JSON.parse(input.dataset.messages);

    const digits = (text) => String(text).replace(/[0-9]/g, (digit) => say.digits[digit]);

    // Sizes as Django's filesizeformat writes them (its units, the page's decimal mark,
    // no break inside).
    function size(bytes) {
      if (bytes < KB) return format(bytes === 1 ? say.byte : say.bytes, { size: bytes });
      const [unit, value] =
        bytes < MB ? ["KB", bytes / KB] : bytes < GB ? ["MB", bytes / MB] : ["GB", bytes / GB];
      const number = (Math.round(value * 10) / 10).toFixed(1).replace(".", say.decimal);
      return say.units[unit].replace("%s", number).replace(/ /g, "\u00a0");
    }

    function duration(seconds) {
      seconds = Math.max(1, Math.round(seconds));
      if (seconds < 60) return format(say.seconds, { seconds });
      const minutes = Math.round(seconds / 60);
      if (minutes < 60) return format(say.minutes, { minutes });
      return format(say.hours, { hours: Math.floor(minutes / 60), minutes: minutes % 60 });
    }

    // ---- the server's checks, before sending -------------------------------------------

    function problemWith(file) {
      if (file.size === 0) return say.empty;
      if (file.size > maxBytes) return say.tooLarge.replace("{size}", digits(size(file.size)));
      const dot = file.name.lastIndexOf(".");
      // A name without a suffix is the server's to judge, from the content.
      if (dot > 0 && !extensions.includes(file.name.slice(dot + 1).toLowerCase())) {
        return say.unsupported;
      }
      return "";
    }

    const row = input.closest(".form-row") || input.parentElement;
    const errorId = `${input.id || input.name}_check`;
    let errorList = null;

    function showError(message) {
      if (!errorList) {
        // As the server writes a field's errors; read out as soon as it is filled in.
        errorList = document.createElement("ul");
        errorList.className = "errorlist";
        errorList.id = errorId;
        errorList.setAttribute("aria-live", "assertive");
        input.before(errorList);
      }
      const item = document.createElement("li");
      item.textContent = message;
      errorList.replaceChildren(item);
      row.classList.add("has-error");
      input.setAttribute("aria-invalid", "true");
      const described = (input.getAttribute("aria-describedby") || "").split(" ");
      if (!described.includes(errorId)) {
        input.setAttribute("aria-describedby", [errorId, ...described].join(" ").trim());
      }
    }

    function clearError() {
      if (!errorList) return;
      errorList.remove();
      errorList = null;
      input.removeAttribute("aria-invalid");
      const described = (input.getAttribute("aria-describedby") || "")
        .split(" ")
        .filter((id) => id && id !== errorId);
      if (described.length) input.setAttribute("aria-describedby", described.join(" "));
      else input.removeAttribute("aria-describedby");
    }

    // ---- the progress bar ---------------------------------------------------------------

    const box = document.createElement("div");
    box.className = "upload-progress";
    box.hidden = true;
    const label = document.createElement("label");
    label.className = "upload-progress-label";
    const bar = document.createElement("progress");
    bar.id = `${input.id || input.name}_progress`;
    bar.max = 100;
    bar.value = 0;
    label.htmlFor = bar.id;
    const detail = document.createElement("span");
    detail.className = "upload-progress-detail";
    // What screen readers hear: every tenth of the way (shown by the bar already, so only
    // heard), and each change of state (shown too).
    const status = document.createElement("p");
    status.className = "upload-progress-status";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    box.append(label, bar, detail, status);
    row.append(box);

    function announce(text, { heardOnly = false } = {}) {
      status.classList.toggle("upload-progress-heard", heardOnly);
      status.textContent = text;
    }

    let samples = [];
    let announcedTenth = -1;

    function showProgress(sent, total) {
      const percent = total ? Math.floor((sent / total) * 100) : 100;
      bar.value = percent;
      const now = performance.now();
      samples.push([now, sent]);
      while (samples.length > 2 && now - samples[0][0] > SPEED_WINDOW_MS) samples.shift();
      const parts = [format(say.percent, { percent })];
      const [since, sentThen] = samples[0];
      if (now - since >= 1000 && sent > sentThen) {
        const perSecond = ((sent - sentThen) * 1000) / (now - since);
        parts.push(format(say.speed, { speed: size(perSecond) }));
        parts.push(format(say.left, { time: duration((total - sent) / perSecond) }));
      }
      detail.textContent = digits(parts.join(" · "));
      const tenth = Math.floor(percent / 10);
      if (tenth > announcedTenth) {
        announcedTenth = tenth;
        announce(digits(format(say.percent, { percent: tenth * 10 })), { heardOnly: true });
      }
    }

    // ---- sending -------------------------------------------------------------------------

    let hidden = form.elements.namedItem("resumable_upload");
    if (!hidden) {
      hidden = document.createElement("input");
      hidden.type = "hidden";
      hidden.name = "resumable_upload";
      form.append(hidden);
    }
    const token = form.elements.namedItem("csrfmiddlewaretoken");
    let sending = false;
    let sent = false;
    let current = null; // {file, upload}: resumed by sending the form again

    function finish(upload, submitter) {
      hidden.value = upload.url.replace(/\/+$/, "").split("/").pop();
      // The file is on the server: the form names it instead of carrying it again.
      input.disabled = true;
      sending = false;
      sent = true;
      bar.value = 100;
      announce(say.sent);
      if (submitter) form.requestSubmit(submitter);
      else form.requestSubmit();
    }

    function fail(error, upload) {
      // Where it stopped, without a speed that no longer holds.
      detail.textContent = digits(format(say.percent, { percent: bar.value }));
      samples = [];
      if (navigator.onLine === false) {
        // Still ours: it goes on by itself when the connection is back.
        announce(say.offline);
        window.addEventListener(
          "online",
          () => {
            announce(say.resuming);
            upload.start();
          },
          { once: true },
        );
        return;
      }
      sending = false;
      const response = error.originalResponse;
      const code = response ? response.getStatus() : 0;
      const type = response ? response.getHeader("Content-Type") || "" : "";
      if (code >= 400 && code < 500 && type.startsWith("text/plain") && response.getBody()) {
        // The server refused the file (too large, expired...): its own words.
        current = null;
        box.hidden = true;
        showError(response.getBody());
        return;
      }
      announce(format(say.failed, { reason: say.noAnswer }));
    }

    function send(file, submitter) {
      sending = true;
      clearError();
      samples = [];
      announcedTenth = -1;
      label.textContent = format(say.sending, { name: file.name });
      box.hidden = false;
      if (current && current.file === file) {
        announce(say.resuming);
        current.upload.start();
        return;
      }
      const upload = new tus.Upload(file, {
        endpoint,
        chunkSize: chunkBytes,
        retryDelays: [0, 1000, 3000, 5000, 10000],
        metadata: { filename: file.name, filetype: file.type },
        headers: token ? { "X-CSRFToken": token.value } : {},
        onProgress: showProgress,
        onSuccess: () => finish(upload, submitter),
        onError: (error) => fail(error, upload),
      });
      current = { file, upload };
      // The same file sent earlier from this browser (a closed page, a form to correct):
      // the server says how much of it it has, and only the rest is sent.
      upload
        .findPreviousUploads()
        .then((previous) => {
          if (previous.length) upload.resumeFromPreviousUpload(previous[previous.length - 1]);
        })
        .finally(() => upload.start());
    }

    input.addEventListener("change", () => {
      clearError();
      current = null;
      const file = input.files && input.files[0];
      const problem = file ? problemWith(file) : "";
      if (problem) showError(problem);
    });

    form.addEventListener("submit", (event) => {
      if (sent) return; // the file is on the server: this is the form itself
      const file = !input.disabled && input.files && input.files[0];
      if (!file) return; // nothing chosen: the server says what is missing
      event.preventDefault();
      if (sending) return;
      const problem = problemWith(file);
      if (problem) {
        showError(problem);
        input.focus();
        return;
      }
      send(file, event.submitter);
    });

    // Back to the page from the browser's history: the form as it was before sending.
    window.addEventListener("pageshow", (event) => {
      if (!event.persisted) return;
      input.disabled = false;
      hidden.value = "";
      sent = false;
      sending = false;
      box.hidden = true;
    });
  }

  function start() {
    if (!window.tus || !window.tus.isSupported) return;
    for (const input of document.querySelectorAll("input[type=file][data-resumable]")) {
      setUp(input);
    }
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
