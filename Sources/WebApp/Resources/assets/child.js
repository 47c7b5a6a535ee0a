// The children's form, with a connection that comes and goes. Without this script the form is a
// plain POST and works as it is. With it, an entry the server cannot be reached for waits on this
// device (localStorage) and is sent when the server answers again, always with the id it was given
// first: the server stores an id once, so an entry is neither lost nor doubled.
(function () {
  "use strict";

  var OUTBOX = "tiengnoi.outbox.v1";
  // Entries the server refused after they waited: kept so a teacher can still read them.
  var REFUSED = "tiengnoi.refused.v1";
  var RETRY_MS = 5000;
  var SEND_TIMEOUT_MS = 15000;

  if (!window.fetch || !window.localStorage || !window.JSON) return;
  // Every children's page sends what waits; only the form page also takes new entries.
  var form = document.getElementById("child-form");
  var statusBox = document.getElementById("outbox-status");
  var sendButton = form && form.querySelector("button[type=submit]");

  // --- the outbox, in this browser's storage ---------------------------------------------------

  function read(key) {
    try {
      var items = JSON.parse(localStorage.getItem(key) || "[]");
      return Array.isArray(items) ? items : [];
    } catch (e) {
      return [];
    }
  }

  function write(key, items) {
    localStorage.setItem(key, JSON.stringify(items)); // may throw when storage is full or blocked
  }

  function removeFromOutbox(id) {
    write(OUTBOX, read(OUTBOX).filter(function (item) { return item.envelope.id !== id; }));
  }

  // --- ids --------------------------------------------------------------------------------------

  // randomUUID exists only on https or localhost; a tablet on the school network may have neither.
  function newID() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    var bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    var hex = Array.prototype.map.call(bytes, function (b) { return (b + 0x100).toString(16).slice(1); }).join("");
    return [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20), hex.slice(20)].join("-");
  }

  // --- the form as the JSON API expects it (the same rules as the server's plain-POST path) ---

  function fields() {
    return Array.prototype.slice.call(form.querySelectorAll("[data-field]"));
  }

  function answerOf(box) {
    var type = box.getAttribute("data-type");
    var name = box.getAttribute("data-field");
    var inputs = Array.prototype.slice.call(form.elements).filter(function (el) { return el.name === name; });
    if (type === "multichoice") {
      var codes = inputs.filter(function (el) { return el.checked && el.value; }).map(function (el) { return el.value; });
      return codes.length ? codes : undefined;
    }
    if (type === "choice") {
      var chosen = inputs.filter(function (el) { return el.checked; })[0];
      return chosen && chosen.value ? chosen.value : undefined;
    }
    if (type === "boolean") return inputs[0] && inputs[0].checked ? true : undefined;
    var raw = inputs[0] ? inputs[0].value : "";
    if (type === "text" || type === "longtext") {
      var text = raw.replace(/\r\n/g, "\n");
      return text.trim() ? text : undefined;
    }
    var trimmed = raw.trim();
    if (!trimmed) return undefined;
    if (type === "integer") return /^[+-]?\d+$/.test(trimmed) ? parseInt(trimmed, 10) : trimmed;
    return trimmed;
  }

  function envelope() {
    var answers = {};
    var school = form.querySelector("[data-school-field]");
    if (school) answers[school.name] = school.value;
    fields().forEach(function (box) {
      var value = answerOf(box);
      if (value !== undefined) answers[box.getAttribute("data-field")] = value;
    });
    return {
      id: form.elements._id.value,
      form: form.getAttribute("data-form"),
      formVersion: parseInt(form.getAttribute("data-version"), 10),
      answers: answers
    };
  }

  // --- checks made on the device, for an entry that cannot reach the server now --------------

  function problems(answers) {
    var found = [];
    fields().forEach(function (box) {
      var name = box.getAttribute("data-field");
      var label = box.getAttribute("data-label");
      var value = answers[name];
      if (value === undefined) {
        if (box.hasAttribute("data-required")) found.push([box, "Chưa điền «" + label + "»: mục này bắt buộc"]);
        return;
      }
      if (box.getAttribute("data-type") !== "integer") return;
      if (typeof value !== "number") {
        found.push([box, "«" + label + "» cần một số nguyên"]);
        return;
      }
      var min = box.getAttribute("data-min"), max = box.getAttribute("data-max");
      if ((min !== null && value < +min) || (max !== null && value > +max)) {
        var bounds = [min !== null ? "≥ " + min : null, max !== null ? "≤ " + max : null].filter(Boolean).join(", ");
        found.push([box, "«" + label + "» là " + value + ", ngoài khoảng cho phép (" + bounds + ")"]);
      }
    });
    return found;
  }

  function clearProblems() {
    fields().forEach(function (box) {
      box.classList.remove("has-error");
      var old = box.querySelector(".field-error");
      if (old) old.parentNode.removeChild(old);
    });
  }

  function showProblems(found) {
    clearProblems();
    found.forEach(function (pair) {
      var box = pair[0];
      var message = document.createElement("p");
      message.className = "field-error";
      message.textContent = pair[1];
      box.classList.add("has-error");
      var anchor = box.querySelector("legend") || box.querySelector("label.label");
      if (anchor && anchor.nextSibling) {
        anchor.parentNode.insertBefore(message, anchor.nextSibling);
      } else {
        box.insertBefore(message, box.firstChild);
      }
    });
    if (found.length) {
      found[0][0].scrollIntoView({ block: "start" });
      var first = found[0][0].querySelector("input, textarea");
      if (first) first.focus({ preventScroll: true });
    }
  }

  function clearForm() {
    Array.prototype.forEach.call(form.elements, function (el) {
      if (el.type === "hidden" || el.type === "submit") return;
      if (el.type === "radio" || el.type === "checkbox") {
        el.checked = el.type === "radio" && el.value === "";
      } else {
        el.value = "";
      }
    });
    clearProblems();
    var summary = document.querySelector(".error-summary");
    if (summary) summary.parentNode.removeChild(summary);
    form.elements._id.value = newID();
  }

  // --- what the child is told --------------------------------------------------------------------

  function say(state, lines) {
    if (!statusBox) return;
    statusBox.setAttribute("data-state", state);
    statusBox.textContent = "";
    lines.forEach(function (line) {
      var p = document.createElement("p");
      p.textContent = line;
      statusBox.appendChild(p);
    });
    statusBox.hidden = false;
  }

  function waitingLine() {
    var count = read(OUTBOX).length;
    return count === 1 ? "Có 1 ý kiến đang chờ gửi." : "Có " + count + " ý kiến đang chờ gửi.";
  }

  function showWaiting() {
    if (!read(OUTBOX).length) return;
    say("saved", ["Ý kiến của em đã lưu trên máy, sẽ gửi khi có mạng.",
                  waitingLine() + " Em cứ viết tiếp nếu muốn. Khi có mạng, trang này sẽ tự gửi."]);
  }

  function showRefused() {
    var count = read(REFUSED).length;
    if (!count) return;
    say("problem", [count + " ý kiến đã lưu trên máy nhưng máy chủ không nhận.",
                    "Em nhờ thầy cô phụ trách xem giúp trên chính máy này nhé."]);
  }

  // --- sending -----------------------------------------------------------------------------------

  function schoolKey() {
    var match = /[?&]k=([^&]*)/.exec(form ? form.getAttribute("action") || "" : "");
    return match ? decodeURIComponent(match[1]) : "";
  }

  // Resolves with the HTTP status, or 0 when the server could not be reached.
  function post(body) {
    var controller = window.AbortController ? new AbortController() : null;
    var timer = controller ? setTimeout(function () { controller.abort(); }, SEND_TIMEOUT_MS) : null;
    return fetch("/api/v1/submissions", {
      method: "POST",
      // The school's key from the page's own address: the API takes the entry only with it (or a
      // token), like the plain form post.
      headers: { "Content-Type": "application/json", "X-TiengNoi-School-Key": schoolKey() },
      body: JSON.stringify(body),
      cache: "no-store",
      credentials: "same-origin",
      signal: controller ? controller.signal : undefined
    }).then(function (response) {
      clearTimeout(timer);
      // The server adds "hotline" when the words read as a child being hurt now.
      return response.json().then(function (json) {
        if (json && json.hotline) needsHotline = true;
        return response.status;
      }, function () { return response.status; });
    }, function () {
      clearTimeout(timer);
      return 0;
    });
  }

  var needsHotline = false;
  var HOTLINE_NOTE = "Nếu em đang bị làm đau, bị đe doạ hay thấy không an toàn, hãy gọi ngay 111 (miễn phí, cả ngày lẫn đêm) hoặc nói với người lớn em tin tưởng.";

  function reachable(status) { return status !== 0 && status < 500; }

  var flushing = false;
  var delivered = 0;

  // Sends the waiting entries one by one, oldest first; stops at the first that cannot get through.
  function flush() {
    if (flushing) return;
    var items = read(OUTBOX);
    if (!items.length) return;
    flushing = true;
    var item = items[0];
    post(item.envelope).then(function (status) {
      flushing = false;
      if (!reachable(status)) return; // the next attempt comes with the timer or the "online" event
      if (status === 409) {
        // That id already names a different entry: this one was never stored, so it gets a new id.
        var all = read(OUTBOX);
        all.forEach(function (other) { if (other.envelope.id === item.envelope.id) other.envelope.id = newID(); });
        write(OUTBOX, all);
      } else {
        if (status !== 200 && status !== 201) write(REFUSED, read(REFUSED).concat([item]));
        else delivered += 1;
        removeFromOutbox(item.envelope.id);
      }
      if (read(OUTBOX).length) {
        flush();
      } else if (read(REFUSED).length) {
        showRefused();
      } else if (delivered) {
        say("sent", ["Đã gửi xong " + delivered + " ý kiến đã lưu trên máy. Cảm ơn em!"]
                    .concat(needsHotline ? [HOTLINE_NOTE] : []));
        needsHotline = false;
        delivered = 0;
      }
    });
  }

  function keepOnDevice(body) {
    var found = problems(body.answers);
    if (found.length) {
      showProblems(found);
      return;
    }
    try {
      write(OUTBOX, read(OUTBOX).concat([{ envelope: body, savedAt: new Date().toISOString() }]));
    } catch (e) {
      say("problem", ["Chưa gửi được và máy này không lưu được ý kiến.",
                      "Những gì em viết vẫn còn trên trang: em chờ có mạng rồi bấm «Gửi ý kiến» lại nhé."]);
      return;
    }
    clearForm();
    showWaiting();
    window.scrollTo(0, 0);
  }

  var submitting = false;

  if (form) form.addEventListener("submit", function (event) {
    event.preventDefault();
    if (submitting) return;
    submitting = true;
    if (sendButton) sendButton.disabled = true;
    var body = envelope();
    var attempt = navigator.onLine === false ? Promise.resolve(0) : post(body);
    attempt.then(function (status) {
      submitting = false;
      if (sendButton) sendButton.disabled = false;
      if (status === 200 || status === 201) {
        window.location.assign(form.getAttribute(needsHotline ? "data-thanks-hotline" : "data-thanks"));
      } else if (!reachable(status)) {
        keepOnDevice(body);
      } else {
        // The server refused it: the plain POST brings the page back with each error beside its
        // field and what the child wrote kept (same id, so a stored entry is still stored once).
        form.submit();
      }
    });
  });

  window.addEventListener("online", flush);
  setInterval(flush, RETRY_MS);
  showRefused();
  showWaiting();
  flush();
})();
