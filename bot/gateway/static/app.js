// The chat page. Plain JavaScript, no build step, no inline script (strict CSP).
// Nothing is kept in storage: the conversation lives only in this page, and a
// new random sender id is made for every page load and every "Start again".
"use strict";

(function () {
  const transcript = document.getElementById("transcript");
  const form = document.getElementById("composer");
  const input = document.getElementById("message");
  const typing = document.getElementById("typing");
  const exitButton = document.getElementById("exit-button");
  const restartButton = document.getElementById("restart");
  const exitMeta = document.querySelector('meta[name="quick-exit-url"]');
  const exitUrl = (exitMeta && /^https?:\/\//.test(exitMeta.content))
    ? exitMeta.content : "https://www.bbc.co.uk/weather";

  let sender = newSenderId();
  let busy = false;

  function newSenderId() {
    const bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return "web-" + Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  }

  // --- quick exit -----------------------------------------------------------
  function quickExit() {
    transcript.replaceChildren();
    input.value = "";
    document.title = "Weather";
    // replace(), not assign(): Back must not return to this page.
    window.location.replace(exitUrl);
  }
  exitButton.addEventListener("click", quickExit);
  let lastEscape = 0;
  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape") return;
    const now = Date.now();
    if (now - lastEscape < 1500) quickExit();
    lastEscape = now;
  });

  // --- rendering ------------------------------------------------------------
  const INLINE = /(\*\*[^*]+\*\*)|(https?:\/\/[^\s)]+[^\s).,;])|(\b0\d{2,4}(?: ?\d{2,4}){1,3}\b|\b999\b)/g;

  function appendInline(parent, text) {
    let last = 0;
    for (const match of text.matchAll(INLINE)) {
      parent.append(text.slice(last, match.index));
      const [token, bold, url, phone] = match;
      if (bold) {
        const strong = document.createElement("strong");
        strong.textContent = bold.slice(2, -2);
        parent.append(strong);
      } else if (url) {
        const link = document.createElement("a");
        link.href = url;
        link.textContent = url;
        link.rel = "noopener noreferrer";
        link.target = "_blank";
        parent.append(link);
      } else if (phone) {
        const link = document.createElement("a");
        link.href = "tel:" + phone.replace(/\D/g, "");
        link.textContent = phone;
        parent.append(link);
      } else {
        parent.append(token);
      }
      last = match.index + token.length;
    }
    parent.append(text.slice(last));
  }

  function formatText(text) {
    const fragment = document.createDocumentFragment();
    let list = null;
    for (const line of text.split("\n")) {
      const item = line.match(/^\s*[-•]\s+(.*)$/);
      if (item) {
        if (!list) {
          list = document.createElement("ul");
          fragment.append(list);
        }
        const li = document.createElement("li");
        appendInline(li, item[1]);
        list.append(li);
        continue;
      }
      list = null;
      if (!line.trim()) continue;
      const p = document.createElement("p");
      appendInline(p, line);
      fragment.append(p);
    }
    return fragment;
  }

  function bubble(kind, label) {
    const wrapper = document.createElement("div");
    wrapper.className = "turn turn-" + kind;
    const who = document.createElement("span");
    who.className = "visually-hidden";
    who.textContent = label + ": ";
    wrapper.append(who);
    transcript.append(wrapper);
    return wrapper;
  }

  function showUser(text) {
    bubble("user", "You").append(formatText(text));
  }

  function showNotice(text) {
    bubble("error", "Notice").append(formatText(text));
  }

  function downloadName(title) {
    const slug = (title || "summary").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
    return (slug || "summary") + ".md";
  }

  // A custom payload with `markdown` (a summary, a schedule, the helplines) becomes
  // a card to copy or download. The bot's text message before it already shows
  // the content, so the card only shows it when `show_body` asks for that.
  // A finished summary or schedule: copy its text, or download the files the gateway
  // renders for this conversation (links that work for a short time).
  function documentCard(custom) {
    const section = document.createElement("section");
    section.className = "card";
    const heading = document.createElement("h2");
    heading.textContent = custom.title || "Document";
    section.append(heading);
    const actions = document.createElement("div");
    actions.className = "card-actions";
    if (custom.text) {
      const copy = document.createElement("button");
      copy.type = "button";
      copy.textContent = "Copy the text";
      copy.addEventListener("click", async () => {
        try {
          await navigator.clipboard.writeText(custom.text);
          copy.textContent = "Copied";
        } catch {
          copy.textContent = "Copy failed: select the text instead";
        }
      });
      actions.append(copy);
    }
    for (const item of Array.isArray(custom.downloads) ? custom.downloads : []) {
      if (typeof item.url !== "string" || !item.url.startsWith("/api/documents/")) continue;
      const link = document.createElement("a");
      link.className = "download";
      link.href = item.url;
      link.setAttribute("download", "");
      link.textContent = "Download " + item.label;
      actions.append(link);
    }
    section.append(actions);
    return section;
  }

  function card(custom) {
    if (custom.type === "document") return documentCard(custom);
    const section = document.createElement("section");
    section.className = "card";
    const heading = document.createElement("h2");
    heading.textContent = custom.title || "Summary";
    section.append(heading);
    if (custom.markdown && custom.show_body) {
      const body = document.createElement("div");
      body.className = "card-body";
      body.append(formatText(custom.markdown));
      section.append(body);
    }
    if (custom.markdown) {
      const actions = document.createElement("div");
      actions.className = "card-actions";
      const copy = document.createElement("button");
      copy.type = "button";
      copy.textContent = "Copy";
      copy.addEventListener("click", async () => {
        try {
          await navigator.clipboard.writeText(custom.markdown);
          copy.textContent = "Copied";
        } catch {
          copy.textContent = "Copy failed: select the text instead";
        }
      });
      const download = document.createElement("button");
      download.type = "button";
      download.textContent = "Download (.md)";
      download.addEventListener("click", () => {
        const url = URL.createObjectURL(new Blob([custom.markdown], { type: "text/markdown" }));
        const link = document.createElement("a");
        link.href = url;
        link.download = downloadName(custom.title);
        document.body.append(link);
        link.click();
        link.remove();
        setTimeout(() => URL.revokeObjectURL(url), 1000);
      });
      actions.append(copy, download);
      section.append(actions);
    }
    return section;
  }

  function showBot(message) {
    // The links are on the document's card: their text line is for text-only clients.
    if (message.custom && message.custom.type === "download_links") return;
    if (!message.text && message.custom && !message.buttons) {
      if (!message.custom.markdown && message.custom.type !== "document") return;
      const previous = transcript.lastElementChild;
      if (previous && previous.classList.contains("turn-bot")) {
        previous.append(card(message.custom));
        return;
      }
    }
    const wrapper = bubble("bot", "Assistant");
    if (message.text) wrapper.append(formatText(message.text));
    if (message.custom) wrapper.append(card(message.custom));
    if (Array.isArray(message.buttons) && message.buttons.length) {
      const group = document.createElement("div");
      group.className = "choices";
      group.setAttribute("role", "group");
      group.setAttribute("aria-label", "Choices");
      for (const button of message.buttons) {
        const choice = document.createElement("button");
        choice.type = "button";
        choice.className = "choice";
        choice.textContent = button.title;
        choice.addEventListener("click", () => send(button.payload, button.title));
        group.append(choice);
      }
      wrapper.append(group);
    }
  }

  // --- talking to the gateway ---------------------------------------------------
  async function send(message, shownAs) {
    if (busy) return;
    busy = true;
    if (shownAs !== null) showUser(shownAs === undefined ? message : shownAs);
    typing.hidden = false;
    try {
      const response = await fetch("/api/chat", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ sender, message }),
        credentials: "omit",
        cache: "no-store",
      });
      const body = await response.json().catch(() => null);
      if (response.ok && Array.isArray(body)) {
        body.forEach(showBot);
      } else if (body && body.message) {
        (body.messages || []).forEach(showBot);
        showNotice(body.message);
      } else {
        showNotice("Something went wrong. Please try again. If anyone is in immediate danger, call 999.");
      }
    } catch {
      showNotice(
        "The assistant can't be reached right now. Please try again in a minute. " +
        "If anyone is in immediate danger, call 999.",
      );
    } finally {
      typing.hidden = true;
      busy = false;
      transcript.scrollTop = transcript.scrollHeight;
    }
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (!text) {
      input.focus();
      return;
    }
    input.value = "";
    send(text);
    input.focus();
  });

  input.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey) {
      event.preventDefault();
      form.requestSubmit();
    }
  });

  function start() {
    transcript.replaceChildren();
    sender = newSenderId();
    send("/greet", null);
  }

  restartButton.addEventListener("click", () => {
    start();
    input.focus();
  });

  start();
})();
