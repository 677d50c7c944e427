// Records every CSP violation the page reports, for the test to read.
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", function (event) {
  window.cspViolations.push(event.violatedDirective + " " + event.blockedURI + " " + (event.sample || ""));
});
