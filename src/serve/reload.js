function (config) {
  "use strict";
  // Injected by `newsreel serve` only; never part of a built site.
  var KEY = "newsreel-scroll:" + location.pathname;
  try {
    var saved = sessionStorage.getItem(KEY);
    if (saved) {
      sessionStorage.removeItem(KEY);
      var xy = JSON.parse(saved);
      var restore = function () { window.scrollTo(xy[0], xy[1]); };
      if (document.readyState === "complete") restore(); else window.addEventListener("load", restore);
    }
  } catch (e) { /* storage may be disabled */ }

  function reload() {
    try { sessionStorage.setItem(KEY, JSON.stringify([window.scrollX, window.scrollY])); } catch (e) {}
    location.reload();
  }

  function swapStylesheets() {
    document.querySelectorAll('link[rel~="stylesheet"]').forEach(function (link) {
      var url = new URL(link.href, location.href);
      if (url.origin !== location.origin) return;
      url.searchParams.set("newsreel", String(Date.now()));
      var next = link.cloneNode();
      next.href = url.href;
      next.onload = next.onerror = function () { link.remove(); };
      link.after(next);
    });
  }

  function overlay(diagnostics) {
    var old = document.getElementById("newsreel-overlay");
    if (old) old.remove();
    if (!diagnostics || !diagnostics.length) return;
    var box = document.createElement("div");
    box.id = "newsreel-overlay";
    box.setAttribute("role", "alert");
    box.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;box-sizing:border-box;" +
      "padding:2rem;background:rgba(24,24,27,.94);color:#fafafa;font:15px/1.5 ui-monospace,Menlo,Consolas,monospace";
    var title = document.createElement("h2");
    title.textContent = "newsreel: the site could not be rebuilt";
    title.style.cssText = "margin:0 0 .5rem;font-size:1.25rem;color:#fca5a5";
    var hint = document.createElement("p");
    hint.textContent = "Fix the file and save it: this page reloads by itself. Meanwhile the last good version is served.";
    hint.style.cssText = "margin:0 0 1rem;color:#d4d4d8";
    var list = document.createElement("ul");
    list.style.cssText = "margin:0;padding:0;list-style:none";
    diagnostics.forEach(function (d) {
      var item = document.createElement("li");
      item.className = "newsreel-diagnostic";
      item.style.cssText = "margin:0 0 .75rem;white-space:pre-wrap";
      var place = document.createElement("strong");
      place.textContent = d.file + (d.line ? ":" + d.line : "") + ": ";
      place.style.color = "#fde68a";
      item.appendChild(place);
      item.appendChild(document.createTextNode(d.message));
      list.appendChild(item);
    });
    var close = document.createElement("button");
    close.type = "button";
    close.textContent = "Dismiss";
    close.style.cssText = "margin-top:1rem;font:inherit;padding:.25rem .75rem";
    close.onclick = function () { box.remove(); };
    box.append(title, hint, list, close);
    (document.body || document.documentElement).appendChild(box);
  }

  function start() {
    overlay(config.errors);
    if (!window.EventSource) return;
    var source = new EventSource(config.events);
    source.addEventListener("hello", function (e) {
      // Reconnected after a restart, or a rebuild finished before this page subscribed.
      if (JSON.parse(e.data).generation > config.generation) reload();
    });
    source.addEventListener("reload", reload);
    source.addEventListener("refresh", function (e) {
      // Pages a background job finished after the last reload: only those reload.
      var data = JSON.parse(e.data);
      var here = location.pathname.replace(/index\.html$/, "");
      if (data.pages.indexOf(here) >= 0) reload(); else config.generation = data.generation;
    });
    source.addEventListener("css", function (e) {
      config.generation = JSON.parse(e.data).generation;
      swapStylesheets();
    });
    source.addEventListener("error", function (e) {
      if (e.data) overlay(JSON.parse(e.data).diagnostics); // not the EventSource's own connection errors
    });
  }
  if (document.body) start(); else document.addEventListener("DOMContentLoaded", start);
}
