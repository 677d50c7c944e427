// The loader snippet a site pastes: a queue stub, commands queued at once, and the real script
// inserted by code (so document.currentScript is null when it runs).
window.Rivulet = window.Rivulet || function () { (Rivulet.q = Rivulet.q || []).push(arguments) };
window.rivuletEvents = [];
Rivulet("init", { endpoint: "/api/chat", title: "Queued", position: "left" });
Rivulet("on", "ready", function () { window.rivuletEvents.push("ready"); });
Rivulet("on", "message", function (detail) { window.rivuletEvents.push("message:" + detail.message.content); });
(function () {
  var script = document.createElement("script");
  script.src = "/rivulet.js";
  script.async = true;
  document.head.appendChild(script);
})();
