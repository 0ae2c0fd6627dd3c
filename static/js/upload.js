// Document uploads that survive slow and broken connections (the member portal's upload
// and new-version forms, the admin's document file, the files of an event's programme
// items): the server's checks made before the first byte is sent, then the file sent in
// pieces with tus-js-client (the tus protocol, /uploads/), with a progress bar, resumed
// where it stopped when the connection comes back. The form is then sent naming the
// finished upload instead of carrying the file.
//
// A form may have several file inputs (one per programme item): the files chosen are
// checked first, then sent one after the other, and the form is sent once, when all are
// on the server. Each input names its hidden field (data-resumable-field: the form's
// prefix, e.g. presentations-0-resumable_upload); rows the admin adds later ("Add
// another", the formset:added event) are set up as they appear.
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

    // The hidden field this input fills in. Its name is the data- attribute's last part
    // after this input's own prefix as it is now: the admin's script renames a row's
    // inputs (rows added later, rows renumbered when one is removed), not data- attributes.
    function hiddenField() {
      const own = (input.dataset.resumableField || "resumable_upload").split("-").pop();
      const cut = input.name.lastIndexOf("-");
      const name = cut < 0 ? own : `${input.name.slice(0, cut)}-${own}`;
      let hidden = form.elements.namedItem(name);
      if (!hidden) {
        hidden = document.createElement("input");
        hidden.type = "hidden";
        hidden.name = name;
        input.after(hidden);
      }
      return hidden;
    }

    const token = form.elements.namedItem("csrfmiddlewaretoken");
    let sent = false;
    let current = null; // {file, upload}: resumed by sending the form again
    let settle = null; // {resolve, reject} of the sending under way

    function finish(upload) {
      hiddenField().value = upload.url.replace(/\/+$/, "").split("/").pop();
      // The file is on the server: the form names it instead of carrying it again.
      input.disabled = true;
      sent = true;
      bar.value = 100;
      announce(say.sent);
      settle.resolve();
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
      const response = error.originalResponse;
      const code = response ? response.getStatus() : 0;
      const type = response ? response.getHeader("Content-Type") || "" : "";
      if (code >= 400 && code < 500 && type.startsWith("text/plain") && response.getBody()) {
        // The server refused the file (too large, expired...): its own words.
        current = null;
        box.hidden = true;
        showError(response.getBody());
      } else {
        announce(format(say.failed, { reason: say.noAnswer }));
      }
      settle.reject(error);
    }

    // Send the chosen file; settles when it is all on the server (or could not be sent).
    function send(file) {
      return new Promise((resolve, reject) => {
        settle = { resolve, reject };
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
          onSuccess: () => finish(upload),
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
      });
    }

    input.addEventListener("change", () => {
      clearError();
      current = null;
      const file = input.files && input.files[0];
      const problem = file ? problemWith(file) : "";
      if (problem) showError(problem);
    });

    const field = {
      input,
      // The file still to send: chosen, not sent yet, its row still on the page.
      file: () => (!sent && input.isConnected && input.files && input.files[0]) || null,
      // Whether the file passes the checks made before sending (if not, it says why).
      check() {
        const problem = problemWith(field.file());
        if (problem) showError(problem);
        return !problem;
      },
      send: () => send(field.file()),
      // Back to the page from the browser's history: as it was before sending.
      reset() {
        input.disabled = false;
        const hidden = form.elements.namedItem(hiddenField().name);
        if (hidden) hidden.value = "";
        sent = false;
        box.hidden = true;
      },
    };
    controllerOf(form).fields.push(field);
  }

  // ---- the form: every chosen file sent, one after the other, then the form once --------

  const controllers = new WeakMap();

  function controllerOf(form) {
    let controller = controllers.get(form);
    if (controller) return controller;
    controller = { fields: [], sending: false, done: false };
    controllers.set(form, controller);

    form.addEventListener("submit", async (event) => {
      if (controller.done) return; // every file is on the server: this is the form itself
      const waiting = controller.fields.filter((field) => field.file());
      if (!waiting.length) return; // nothing chosen: the server says what is missing
      event.preventDefault();
      if (controller.sending) return;
      const refused = waiting.filter((field) => !field.check());
      if (refused.length) {
        refused[0].input.focus();
        return;
      }
      controller.sending = true;
      try {
        for (const field of waiting) await field.send();
      } catch {
        // Said where it happened; sending the form again resumes where it stopped.
        return;
      } finally {
        controller.sending = false;
      }
      controller.done = true;
      if (event.submitter) form.requestSubmit(event.submitter);
      else form.requestSubmit();
    });

    window.addEventListener("pageshow", (event) => {
      if (!event.persisted) return;
      controller.done = false;
      controller.sending = false;
      for (const field of controller.fields) field.reset();
    });
    return controller;
  }

  // Inputs already set up; the admin's template row (.empty-form) is not one: it is
  // copied for each row added, and the copies are set up as they appear.
  const ready = new WeakSet();

  function setUpAll(root) {
    for (const input of root.querySelectorAll("input[type=file][data-resumable]")) {
      if (ready.has(input) || input.closest(".empty-form")) continue;
      ready.add(input);
      setUp(input);
    }
  }

  function start() {
    if (!window.tus || !window.tus.isSupported) return;
    setUpAll(document);
    // A row added to an admin formset ("Add another"), its inputs renamed already.
    document.addEventListener("formset:added", (event) => setUpAll(event.target));
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
